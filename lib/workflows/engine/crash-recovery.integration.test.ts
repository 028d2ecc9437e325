// Real worker processes (test/worker-child.ts, run like `npm run worker`): one killed with SIGKILL
// in the middle of a run leaves it to another worker, which finishes it exactly once without
// re-running the step that had already succeeded; one stopped with SIGTERM hands its run back.
import type { ServerResponse } from "node:http";

import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { startWorkerChild, useEngine, waitUntil } from "@/test/engine";
import { sendJson } from "@/test/local-server";

describe.each(providers)("worker processes on %s", (provider) => {
  const harness = useEngine(provider);

  /** A first step answered at once by `fast`, then a second one whose request `slow` holds open while `holding`. */
  async function twoStepRun(opts: { hold: () => boolean }) {
    const held: ServerResponse[] = [];
    const fast = await harness.startServer((_request, response) => sendJson(response, 200, { client: "c-1" }));
    const slow = await harness.startServer((_request, response) => {
      if (opts.hold()) held.push(response);
      else sendJson(response, 200, { ok: true });
    });
    const run = await harness.queueTestRun(
      {
        steps: [
          { id: "fetch_client", type: "http_request", config: { url: `${fast.origin}/clients/{{ trigger.body.id }}` } },
          {
            id: "update_crm",
            type: "http_request",
            config: {
              method: "POST",
              url: `${slow.origin}/crm`,
              body: { client: "{{ steps.fetch_client.body.client }}" },
            },
          },
        ],
        retry: { maxAttempts: 3, backoffSeconds: 1 },
      },
      { id: "c-1" },
    );
    return { ...run, fast, slow, held };
  }

  const stepRunsOf = (executionId: string) =>
    harness.database.db.stepRun.findMany({
      where: { executionId },
      orderBy: [{ stepIndex: "asc" }, { startedAt: "asc" }],
    });

  it("a worker killed mid-run leaves the run to another, which completes it once after the lease expires", async () => {
    const { db } = harness.database;
    let holding = true;
    const { executionId, fast, slow } = await twoStepRun({ hold: () => holding });

    const doomed = await startWorkerChild({ target: harness.database.target });
    await waitUntil(() => slow.received.length === 1, {
      what: "the killed worker's second step has called its server",
    });
    // The first step's result is stored before the second starts.
    expect((await stepRunsOf(executionId)).map((run) => [run.stepId, run.status, run.attempt])).toEqual([
      ["fetch_client", "succeeded", 1],
    ]);
    expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
      status: "running",
      attempt: 1,
      leaseOwner: doomed.workerId,
    });

    doomed.kill("SIGKILL");
    expect(await doomed.exited).toEqual({ code: null, signal: "SIGKILL" });
    holding = false;

    const { startWorker } = harness.engine;
    const rescuer = startWorker({
      db,
      provider,
      concurrency: 2,
      pollIntervalMs: 50,
      leaseMs: 5_000,
      shutdownGraceMs: 1_000,
      workerId: "rescuer",
    });
    try {
      // Until the lease runs out, the run still belongs to the dead worker.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
        status: "running",
        leaseOwner: doomed.workerId,
      });
      await waitUntil(
        async () => (await db.execution.findUniqueOrThrow({ where: { id: executionId } })).status === "succeeded",
        {
          what: "the second worker has completed the run",
          timeoutMs: 20_000,
        },
      );
    } finally {
      await rescuer.stop();
    }

    expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
      status: "succeeded",
      attempt: 2,
      leaseOwner: null,
      leaseExpiresAt: null,
      error: null,
    });
    expect((await stepRunsOf(executionId)).map((run) => [run.stepId, run.status, run.attempt])).toEqual([
      ["fetch_client", "succeeded", 1],
      ["update_crm", "succeeded", 2],
    ]);
    // The first step was not run again; the second reached its server once per worker.
    expect(fast.received).toHaveLength(1);
    expect(slow.received.map((request) => JSON.parse(request.body))).toEqual([{ client: "c-1" }, { client: "c-1" }]);
  });

  it("a worker stopped with SIGTERM hands its running run back at once, without counting the attempt", async () => {
    const { db } = harness.database;
    let holding = true;
    const { executionId, fast, slow } = await twoStepRun({ hold: () => holding });

    const stopping = await startWorkerChild({
      target: harness.database.target,
      env: { WORKER_SHUTDOWN_GRACE_SECONDS: "0", WORKER_LEASE_SECONDS: "60" },
    });
    await waitUntil(() => slow.received.length === 1, { what: "the worker's second step has called its server" });
    stopping.kill("SIGTERM");
    expect(await stopping.exited).toEqual({ code: 0, signal: null });

    // Released, not left to a 60 s lease: due now, attempt not counted, the first step's result kept.
    const released = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(released).toMatchObject({ status: "queued", attempt: 0, leaseOwner: null, leaseExpiresAt: null });
    expect(released.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await stepRunsOf(executionId)).map((run) => [run.stepId, run.status])).toEqual([
      ["fetch_client", "succeeded"],
    ]);

    holding = false;
    const next = await startWorkerChild({ target: harness.database.target });
    try {
      await waitUntil(
        async () => (await db.execution.findUniqueOrThrow({ where: { id: executionId } })).status === "succeeded",
        { what: "the next worker has completed the run" },
      );
    } finally {
      next.kill("SIGTERM");
      await next.exited;
    }
    expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
      status: "succeeded",
      attempt: 1,
    });
    expect((await stepRunsOf(executionId)).map((run) => [run.stepId, run.status, run.attempt])).toEqual([
      ["fetch_client", "succeeded", 1],
      ["update_crm", "succeeded", 1],
    ]);
    expect(fast.received).toHaveLength(1);
    expect(slow.received).toHaveLength(2);
  });

  describe("npm run worker (scripts/worker.ts)", () => {
    const script = "scripts/worker.ts";

    it("runs queued workflows, and exits 0 on SIGTERM", async () => {
      const { db } = harness.database;
      const worker = await startWorkerChild({ target: harness.database.target, script });
      try {
        const { executionId } = await harness.queueTestRun(
          { steps: [{ id: "double", type: "transform", config: { expression: "trigger.body.n * 2" } }] },
          { n: 21 },
        );
        await waitUntil(
          async () => (await db.execution.findUniqueOrThrow({ where: { id: executionId } })).status === "succeeded",
          { what: "the worker has run the workflow" },
        );
        expect(JSON.parse((await db.stepRun.findFirstOrThrow({ where: { executionId } })).output!)).toBe(42);
      } finally {
        worker.kill("SIGTERM");
      }
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    });

    it("refuses to start with a master key other than the one this database's secrets are sealed with", async () => {
      const first = await startWorkerChild({ target: harness.database.target, script });
      first.kill("SIGTERM");
      await first.exited;
      const otherKey = "0".repeat(64);
      await expect(
        startWorkerChild({ target: harness.database.target, script, env: { WORKBENCH_MASTER_KEY: otherKey } }),
      ).rejects.toThrow(/exited \(1\).*WORKBENCH_MASTER_KEY does not match/s);
    });
  });
});
