// The run log as the engine writes it, on real databases: a pure step's row is stored with the
// next commit, yet the log is complete after a run; after a worker process is killed mid-run, the
// run resumes with a complete log, pure steps computed again and a committed Record Write not
// repeated; a workflow version is read once and kept.
import type { ServerResponse } from "node:http";

import { describe, expect, it } from "vitest";

import { getRawSql } from "@/lib/db/raw-sql";
import { providers } from "@/test/databases";
import { startWorkerChild, useEngine, waitUntil } from "@/test/engine";
import { sendJson } from "@/test/local-server";

import { loadWorkflowDefinition } from "./definition-cache";

const increment = "{ 'count': ($current.count ? $current.count : 0) + 1 }";

describe.each(providers)("the run log on %s", (provider) => {
  const harness = useEngine(provider);

  const stepLog = (executionId: string) =>
    harness.database.db.stepRun.findMany({
      where: { executionId },
      orderBy: [{ stepIndex: "asc" }, { startedAt: "asc" }],
    });
  const statusOf = async (executionId: string) =>
    (await harness.database.db.execution.findUniqueOrThrow({ where: { id: executionId } })).status;

  /** A server that holds requests while `hold()` is true, then answers at once. */
  async function holdingServer(hold: () => boolean) {
    const held: ServerResponse[] = [];
    const server = await harness.startServer((_request, response) =>
      hold() ? held.push(response) : sendJson(response, 200, { ok: true }),
    );
    return { server, held };
  }

  it("stores a pure step's row with the next step's, and every row by the end of the run", async () => {
    let holding = true;
    const { server, held } = await holdingServer(() => holding);
    const { executionId } = await harness.queueTestRun(
      {
        steps: [
          { id: "double", type: "transform", config: { expression: "trigger.body.n * 2" } },
          { id: "call", type: "http_request", config: { url: `${server.origin}/hook` } },
          { id: "triple", type: "transform", config: { expression: "steps.double * 3" } },
        ],
      },
      { n: 7 },
    );
    const running = harness.claimAndRun("w1");
    await waitUntil(() => held.length === 1, { what: "the HTTP step is in flight" });
    // The Transform's row waits for the next commit.
    expect(await stepLog(executionId)).toEqual([]);
    holding = false;
    sendJson(held[0], 200, { ok: true });
    expect(await running).toBe("succeeded");
    expect(
      (await stepLog(executionId)).map((row) => [row.stepId, row.stepIndex, row.status, row.attempt, row.output]),
    ).toEqual([
      ["double", 0, "succeeded", 1, "14"],
      ["call", 1, "succeeded", 1, expect.stringContaining('"status":200')],
      ["triple", 2, "succeeded", 1, "42"],
    ]);
  });

  it("after a worker is killed mid-run, resumes with a complete log, writing the record once", async () => {
    const { db } = harness.database;
    let holding = true;
    const { server, held } = await holdingServer(() => holding);
    const { executionId, agentId } = await harness.queueTestRun(
      {
        steps: [
          { id: "before", type: "transform", config: { expression: "trigger.body.n" } },
          {
            id: "count",
            type: "record_write",
            config: { collection: "counters", key: "c", mode: "update", data: increment },
          },
          { id: "between", type: "transform", config: { expression: "steps.count.data.count" } },
          { id: "call", type: "http_request", config: { url: `${server.origin}/hook` } },
          { id: "after", type: "transform", config: { expression: "steps.between + steps.before" } },
        ],
        retry: { maxAttempts: 3, backoffSeconds: 1 },
      },
      { n: 10 },
    );

    const doomed = await startWorkerChild({ target: harness.database.target });
    await waitUntil(() => held.length === 1, { what: "the killed worker's HTTP step has called its server" });
    // The Record Write committed with its row and the pure step before it; the pure step after it waits.
    expect((await stepLog(executionId)).map((row) => [row.stepId, row.attempt])).toEqual([
      ["before", 1],
      ["count", 1],
    ]);
    doomed.kill("SIGKILL");
    await doomed.exited;
    holding = false;

    const rescuer = harness.engine.startWorker({
      db,
      provider,
      concurrency: 2,
      pollIntervalMs: 50,
      leaseMs: 5_000,
      shutdownGraceMs: 1_000,
      workerId: "rescuer",
    });
    try {
      await waitUntil(async () => (await statusOf(executionId)) === "succeeded", {
        what: "the rescuer has completed the run",
        timeoutMs: 20_000,
      });
    } finally {
      await rescuer.stop();
    }
    expect(
      (await stepLog(executionId)).map((row) => [row.stepId, row.status, row.attempt, JSON.parse(row.output!)]),
    ).toEqual([
      ["before", "succeeded", 1, 10],
      ["count", "succeeded", 1, { collection: "counters", key: "c", data: { count: 1 }, changed: true }],
      ["between", "succeeded", 2, 1],
      ["call", "succeeded", 2, expect.objectContaining({ status: 200 })],
      ["after", "succeeded", 2, 11],
    ]);
    const record = await db.dataRecord.findFirstOrThrow({ where: { agentId, collection: "counters", key: "c" } });
    expect(JSON.parse(record.data)).toEqual({ count: 1 });
  });

  it("reads a workflow version once and keeps it", async () => {
    const { db } = harness.database;
    const sql = getRawSql(db);
    const { workflowId } = await harness.queueTestRun(
      { steps: [{ id: "double", type: "transform", config: { expression: "trigger.body.n * 2" } }] },
      { n: 1 },
    );
    expect(await harness.claimAndRun("w1")).toBe("succeeded");
    const first = await loadWorkflowDefinition({ sql, workflowId, version: 1 });
    // Versions never change: the kept one serves the next runs even once its row is gone.
    await db.workflowVersion.delete({ where: { workflowId_version: { workflowId, version: 1 } } });
    const again = await loadWorkflowDefinition({ sql, workflowId, version: 1 });
    expect(first.kind === "found" && again.kind === "found" && again.definition === first.definition).toBe(true);
    const next = await harness.engine.testRunWorkflow({ db, workflowId, input: { body: { n: 2 } } });
    expect(await harness.claimAndRun("w1")).toBe("succeeded");
    expect(JSON.parse((await stepLog(next.id))[0].output!)).toBe(4);
  });
});
