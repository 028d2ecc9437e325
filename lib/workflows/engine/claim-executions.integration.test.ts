// The claim query on real databases: which runs are due, how many are taken, what a claim
// records, that concurrent claimers never get the same run, and that a worker whose lease was
// taken over cannot record anything for the run.
import type { ServerResponse } from "node:http";

import { describe, expect, it } from "vitest";

import { createClient } from "@/lib/db/create-client";
import { createId } from "@/lib/ids";
import { providers } from "@/test/databases";
import { useEngine, waitUntil } from "@/test/engine";
import { sendJson } from "@/test/local-server";

const minute = 60_000;

describe.each(providers)("claimExecutions on %s", (provider) => {
  const harness = useEngine(provider);

  async function workflowOf() {
    const { db } = harness.database;
    const agent = await harness.engine.createAgent({ db, input: { name: "Queue" } });
    return harness.engine.createWorkflow({ db, agentId: agent.id, input: { name: "W" } });
  }

  type RunState = {
    status: string;
    runAt: Date;
    attempt?: number;
    leaseOwner?: string;
    leaseExpiresAt?: Date;
    startedAt?: Date;
  };

  async function insertRun(workflow: { id: string; agentId: string }, state: RunState): Promise<string> {
    const id = createId("run");
    await harness.database.db.execution.create({
      data: {
        id,
        agentId: workflow.agentId,
        workflowId: workflow.id,
        workflowVersion: 1,
        trigger: "test",
        input: "null",
        createdAt: new Date(),
        ...state,
      },
    });
    return id;
  }

  const claim = (opts: { workerId?: string; limit?: number; leaseMs?: number; now?: Date } = {}) =>
    harness.engine.claimExecutions({
      db: harness.database.db,
      provider,
      workerId: opts.workerId ?? "w1",
      limit: opts.limit ?? 100,
      leaseMs: opts.leaseMs ?? minute,
      now: opts.now,
    });

  it("takes due queued runs and runs whose lease expired, and nothing else", async () => {
    const now = Date.now();
    const workflow = await workflowOf();
    const due = await insertRun(workflow, { status: "queued", runAt: new Date(now - 1_000) });
    const dueNow = await insertRun(workflow, { status: "queued", runAt: new Date(now - 1) });
    const expired = await insertRun(workflow, {
      status: "running",
      runAt: new Date(now - 10 * minute),
      attempt: 1,
      leaseOwner: "dead",
      leaseExpiresAt: new Date(now - 1_000),
      startedAt: new Date(now - 9 * minute),
    });
    await insertRun(workflow, { status: "queued", runAt: new Date(now + 30_000) });
    await insertRun(workflow, {
      status: "running",
      runAt: new Date(now - minute),
      attempt: 1,
      leaseOwner: "alive",
      leaseExpiresAt: new Date(now + 30_000),
    });
    for (const status of ["succeeded", "failed", "canceled"])
      await insertRun(workflow, { status, runAt: new Date(now - minute), attempt: 1 });

    expect((await claim()).toSorted()).toEqual([due, dueNow, expired].toSorted());
    expect(await claim({ workerId: "w2" })).toEqual([]);
  });

  it("records the claim: running, this worker's lease, one more attempt, and the first start kept", async () => {
    const now = new Date();
    const workflow = await workflowOf();
    const fresh = await insertRun(workflow, { status: "queued", runAt: new Date(now.getTime() - 1_000) });
    const startedAt = new Date(now.getTime() - 9 * minute);
    const expired = await insertRun(workflow, {
      status: "running",
      runAt: new Date(now.getTime() - 10 * minute),
      attempt: 1,
      leaseOwner: "dead",
      leaseExpiresAt: new Date(now.getTime() - 1),
      startedAt,
    });

    expect((await claim({ workerId: "w-new", leaseMs: 45_000, now })).toSorted()).toEqual([fresh, expired].toSorted());
    const rows = await harness.database.db.execution.findMany({ where: { id: { in: [fresh, expired] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of [fresh, expired]) {
      expect(byId.get(id)).toMatchObject({
        status: "running",
        leaseOwner: "w-new",
        leaseExpiresAt: new Date(now.getTime() + 45_000),
      });
    }
    expect(byId.get(fresh)).toMatchObject({ attempt: 1, startedAt: now });
    expect(byId.get(expired)).toMatchObject({ attempt: 2, startedAt });
  });

  it("becomes due exactly at runAt and at lease expiry", async () => {
    const now = Date.now();
    const workflow = await workflowOf();
    const later = await insertRun(workflow, { status: "queued", runAt: new Date(now + 10_000) });
    const leased = await insertRun(workflow, {
      status: "running",
      runAt: new Date(now),
      attempt: 1,
      leaseOwner: "slow",
      leaseExpiresAt: new Date(now + 20_000),
    });
    expect(await claim({ now: new Date(now + 9_999) })).toEqual([]);
    expect(await claim({ now: new Date(now + 10_000) })).toEqual([later]);
    expect(await claim({ workerId: "w2", now: new Date(now + 20_000) })).toEqual([]);
    expect(await claim({ workerId: "w2", now: new Date(now + 20_001) })).toEqual([leased]);
  });

  it("takes at most `limit` runs, the longest due first", async () => {
    const now = Date.now();
    const workflow = await workflowOf();
    const ids: string[] = [];
    for (let i = 5; i >= 1; i--)
      ids.push(await insertRun(workflow, { status: "queued", runAt: new Date(now - i * 1_000) }));
    expect(await claim({ limit: 2 })).toHaveLength(2);
    const first = await harness.database.db.execution.findMany({ where: { status: "running" }, select: { id: true } });
    expect(first.map((row) => row.id).toSorted()).toEqual(ids.slice(0, 2).toSorted());
    expect(await claim({ workerId: "w2", limit: 2 })).toHaveLength(2);
    expect(await claim({ workerId: "w3", limit: 2 })).toEqual([ids[4]]);
    expect(await claim({ workerId: "w4", limit: 2 })).toEqual([]);
  });

  it("never gives the same run to two claimers racing on separate connections", async () => {
    const now = Date.now();
    const workflow = await workflowOf();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(await insertRun(workflow, { status: "queued", runAt: new Date(now - 1_000 - i) }));
    const clients = [
      createClient(harness.database.target),
      createClient(harness.database.target),
      createClient(harness.database.target),
    ];
    try {
      const claimedByEach = await Promise.all(
        clients.map(async (db, index) => {
          const mine: string[] = [];
          for (let round = 0; round < 10; round++)
            mine.push(
              ...(await harness.engine.claimExecutions({
                db,
                provider,
                workerId: `w${index}`,
                limit: 3,
                leaseMs: minute,
              })),
            );
          return mine;
        }),
      );
      const all = claimedByEach.flat();
      expect(all.toSorted()).toEqual(ids.toSorted());
      const rows = await harness.database.db.execution.findMany({
        where: { id: { in: ids } },
        select: { attempt: true, leaseOwner: true, id: true },
      });
      for (const row of rows) {
        expect(row.attempt).toBe(1);
        expect(row.leaseOwner).toBe(`w${claimedByEach.findIndex((mine) => mine.includes(row.id))}`);
      }
    } finally {
      await Promise.all(clients.map((db) => db.$disconnect()));
    }
  });

  it("a worker whose lease was taken over records nothing for the run", async () => {
    const { db } = harness.database;
    const held: ServerResponse[] = [];
    const server = await harness.startServer((_request, response) => held.push(response));
    const { executionId } = await harness.queueTestRun({
      steps: [{ id: "call", type: "http_request", config: { url: `${server.origin}/slow` } }],
    });

    const [claimed] = await claim({ workerId: "stalled" });
    const stalled = harness.engine.runExecution({
      db,
      executionId: claimed,
      workerId: "stalled",
      leaseMs: minute,
      shutdownSignal: new AbortController().signal,
    });
    await waitUntil(() => held.length === 1, { what: "the stalled worker's step is in flight" });

    // Its lease runs out (say it was paused) and another worker takes the run over.
    await db.execution.update({ where: { id: executionId }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await claim({ workerId: "rescuer" })).toEqual([executionId]);
    sendJson(held[0], 200, { from: "stalled" });
    expect(await stalled).toBe("lost");
    expect(await db.stepRun.count({ where: { executionId } })).toBe(0);
    expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
      status: "running",
      leaseOwner: "rescuer",
      attempt: 2,
    });

    const rescued = harness.engine.runExecution({
      db,
      executionId,
      workerId: "rescuer",
      leaseMs: minute,
      shutdownSignal: new AbortController().signal,
    });
    await waitUntil(() => held.length === 2, { what: "the rescuer's step is in flight" });
    sendJson(held[1], 200, { from: "rescuer" });
    expect(await rescued).toBe("succeeded");
    const runs = await db.stepRun.findMany({ where: { executionId } });
    expect(runs.map((run) => [run.attempt, JSON.parse(run.output!).body])).toEqual([[2, { from: "rescuer" }]]);
  });

  it("a worker that no longer holds the run does not start it", async () => {
    const { executionId } = await harness.queueTestRun({
      steps: [{ id: "a", type: "transform", config: { expression: "1" } }],
    });
    await claim({ workerId: "owner" });
    const outcome = await harness.engine.runExecution({
      db: harness.database.db,
      executionId,
      workerId: "intruder",
      leaseMs: minute,
      shutdownSignal: new AbortController().signal,
    });
    expect(outcome).toBe("lost");
    expect(await harness.database.db.stepRun.count()).toBe(0);
  });
});
