// A real worker process (run like `npm run worker`) in the middle of a runaway expression with a
// ten-minute step timeout: SIGTERM still stops it (the server's thread is free to hear the signal,
// the expression's thread is terminated after the grace period) and the run goes back to the queue.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { startWorkerChild, useEngine, waitUntil } from "@/test/engine";

describe.each(providers)("shutdown during a runaway expression on %s", (provider) => {
  const harness = useEngine(provider);

  it("exits 0 on SIGTERM and hands the run back, not failed", async () => {
    const { db } = harness.database;
    const { executionId } = await harness.queueTestRun({
      steps: [
        {
          id: "loop",
          type: "transform",
          timeoutSeconds: 600,
          config: { expression: "($f := function($x){ $f($x) }; $f(1))" },
        },
      ],
    });
    const worker = await startWorkerChild({
      target: harness.database.target,
      env: { WORKER_SHUTDOWN_GRACE_SECONDS: "1", WORKER_LEASE_SECONDS: "60" },
    });
    await waitUntil(
      async () => (await db.execution.findUniqueOrThrow({ where: { id: executionId } })).status === "running",
      { what: "the worker has started the run" },
    );
    // Let the expression get going on its thread.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    worker.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await db.execution.findUniqueOrThrow({ where: { id: executionId } })).toMatchObject({
      status: "queued",
      attempt: 0,
      leaseOwner: null,
    });
    expect(await db.stepRun.count({ where: { executionId } })).toBe(0);
  });
});
