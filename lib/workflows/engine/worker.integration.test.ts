// The in-process worker on real databases: it polls and wakes up for new runs, never runs more
// than its concurrency at once, and stops gracefully: running steps get the grace period to
// finish, and runs still going after it are handed back to the queue for a later worker.
import type { ServerResponse } from "node:http";

import { afterEach, describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine, waitUntil } from "@/test/engine";
import { sendJson } from "@/test/local-server";

import type { Worker, WorkerOptions } from "./worker";

describe.each(providers)("worker on %s", (provider) => {
  const harness = useEngine(provider);
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  function startWorker(opts: Partial<WorkerOptions> = {}): Worker {
    const worker = harness.engine.startWorker({
      db: harness.database.db,
      provider,
      concurrency: 4,
      pollIntervalMs: 50,
      leaseMs: 30_000,
      shutdownGraceMs: 5_000,
      ...opts,
    });
    workers.push(worker);
    return worker;
  }

  const execution = (id: string) =>
    harness.database.db.execution.findUniqueOrThrow({
      where: { id },
      include: { stepRuns: { orderBy: { stepIndex: "asc" } } },
    });
  const statusIs = (id: string, status: string) => async () => (await execution(id)).status === status;

  /** A server holding every request until release() (then answering at once). */
  async function holdingServer() {
    const held: ServerResponse[] = [];
    let holding = true;
    const server = await harness.startServer((_request, response) =>
      holding ? held.push(response) : sendJson(response, 200, { ok: true }),
    );
    return {
      server,
      release: () => {
        holding = false;
        for (const response of held.splice(0)) sendJson(response, 200, { ok: true });
      },
    };
  }

  const twoSteps = (origin: string) => ({
    steps: [
      {
        id: "first",
        type: "record_write",
        config: { collection: "counters", key: "{{ execution.id }}", data: "{ 'ran': true }" },
      },
      { id: "call", type: "http_request", config: { url: `${origin}/work` } },
    ],
  });

  it("picks up a queued run by polling, and at once when woken", async () => {
    const { executionId } = await harness.queueTestRun(
      { steps: [{ id: "a", type: "transform", config: { expression: "trigger.body.n + 1" } }] },
      { n: 1 },
    );
    startWorker();
    await waitUntil(statusIs(executionId, "succeeded"), { what: "the polled run has succeeded" });

    await workers[0].stop();
    const sleepy = startWorker({ pollIntervalMs: 60_000 });
    const { db } = harness.database;
    // Its first look found nothing; now it sleeps for a minute unless woken.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sleepy.idle()).toBe(true);
    const { workflowId } = await execution(executionId);
    const second = await harness.engine.testRunWorkflow({ db, workflowId, input: { body: { n: 2 } } });
    sleepy.wake();
    await waitUntil(statusIs(second.id, "succeeded"), {
      what: "the woken worker has run the new run",
      timeoutMs: 5_000,
    });
    expect(JSON.parse((await execution(second.id)).stepRuns[0].output!)).toBe(3);
  });

  it("runs at most `concurrency` runs at once", async () => {
    const { db } = harness.database;
    const { server, release } = await holdingServer();
    const { workflowId } = await harness.queueTestRun({
      steps: [{ id: "call", type: "http_request", config: { url: `${server.origin}/work` } }],
    });
    for (let i = 0; i < 4; i++) await harness.engine.testRunWorkflow({ db, workflowId, input: { body: { i } } });

    startWorker({ concurrency: 2 });
    await waitUntil(() => server.received.length === 2, { what: "two runs are in flight" });
    // Give it a few polls to (wrongly) take more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.received).toHaveLength(2);
    expect(await db.execution.count({ where: { status: "running" } })).toBe(2);
    expect(await db.execution.count({ where: { status: "queued" } })).toBe(3);

    release();
    await waitUntil(async () => (await db.execution.count({ where: { status: "succeeded" } })) === 5, {
      what: "all five runs have succeeded",
    });
    expect(server.received).toHaveLength(5);
  });

  it("renews the lease while a step runs longer than the lease, so no other worker takes the run over", async () => {
    const server = await harness.startServer((_request, response) =>
      setTimeout(() => sendJson(response, 200, { ok: true }), 2_500),
    );
    const { executionId } = await harness.queueTestRun({
      steps: [{ id: "slow", type: "http_request", config: { url: `${server.origin}/slow` } }],
    });
    // Both share one client (SQLite-safe in one process); the lease is 1.5 s, renewed every second.
    startWorker({ leaseMs: 1_500, workerId: "holder" });
    await waitUntil(() => server.received.length === 1, { what: "the slow step is in flight" });
    startWorker({ leaseMs: 1_500, workerId: "poacher", pollIntervalMs: 20 });
    await waitUntil(statusIs(executionId, "succeeded"), { what: "the run has succeeded" });
    expect(await execution(executionId)).toMatchObject({ attempt: 1 });
    expect(server.received).toHaveLength(1);
  });

  it("stop() lets a running step finish within the grace period, then claims nothing more", async () => {
    const { db } = harness.database;
    const server = await harness.startServer((_request, response) =>
      setTimeout(() => sendJson(response, 200, { ok: true }), 300),
    );
    const { executionId, workflowId } = await harness.queueTestRun(twoSteps(server.origin));
    const worker = startWorker({ shutdownGraceMs: 10_000 });
    await waitUntil(() => server.received.length === 1, { what: "the step is in flight" });

    await worker.stop();
    expect(await execution(executionId)).toMatchObject({ status: "succeeded", attempt: 1 });

    const later = await harness.engine.testRunWorkflow({ db, workflowId, input: { body: {} } });
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await execution(later.id)).toMatchObject({ status: "queued", attempt: 0 });
  });

  it("stop() hands a run still going after the grace period back to the queue, and a later worker completes it", async () => {
    const { db } = harness.database;
    const { server, release } = await holdingServer();
    const { executionId } = await harness.queueTestRun(twoSteps(server.origin));
    const worker = startWorker({ shutdownGraceMs: 100 });
    await waitUntil(() => server.received.length === 1, { what: "the second step is in flight" });

    await worker.stop();
    const released = await execution(executionId);
    // Back in the queue, due now, and the interrupted attempt not counted (the run did not fail).
    expect(released).toMatchObject({
      status: "queued",
      attempt: 0,
      leaseOwner: null,
      leaseExpiresAt: null,
      error: null,
    });
    expect(released.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(released.stepRuns.map((run) => [run.stepId, run.status])).toEqual([["first", "succeeded"]]);

    release();
    startWorker();
    await waitUntil(statusIs(executionId, "succeeded"), { what: "the next worker has completed the run" });
    const done = await execution(executionId);
    expect(done).toMatchObject({ attempt: 1 });
    expect(done.stepRuns.map((run) => [run.stepId, run.status, run.attempt])).toEqual([
      ["first", "succeeded", 1],
      ["call", "succeeded", 1],
    ]);
    expect(server.received).toHaveLength(2);
    const record = await db.dataRecord.findFirstOrThrow({ where: { collection: "counters", key: executionId } });
    expect(JSON.parse(record.data)).toEqual({ ran: true });
  });
});
