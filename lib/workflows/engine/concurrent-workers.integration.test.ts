// Two real worker processes on one database never run the same execution: every run of a batch
// reaches the server exactly once and stores exactly one result per step.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { startWorkerChild, useEngine, waitUntil } from "@/test/engine";
import { sendJson } from "@/test/local-server";

const RUNS = 30;

describe.each(providers)("two workers on %s", (provider) => {
  const harness = useEngine(provider);

  it(`share ${RUNS} queued runs without running any of them twice`, async () => {
    const { db } = harness.database;
    const { createAgent, createWorkflow, testRunWorkflow } = harness.engine;
    // Each call takes a little while, so both workers have runs in flight at once.
    const server = await harness.startServer((_request, response) =>
      setTimeout(() => sendJson(response, 200, { ok: true }), 40),
    );
    const agent = await createAgent({ db, input: { name: "Batch" } });
    const workflow = await createWorkflow({
      db,
      agentId: agent.id,
      input: {
        name: "Call once per run",
        definition: {
          steps: [
            {
              id: "call",
              type: "http_request",
              config: {
                method: "POST",
                url: `${server.origin}/runs/{{ execution.id }}`,
                body: { n: "{{ trigger.body.n }}" },
              },
            },
            { id: "done", type: "transform", config: { expression: "steps.call.status" } },
          ],
        },
      },
    });

    const env = { WORKER_CONCURRENCY: "3" };
    const workers = await Promise.all([
      startWorkerChild({ target: harness.database.target, env }),
      startWorkerChild({ target: harness.database.target, env }),
    ]);
    try {
      const executionIds: string[] = [];
      for (let n = 0; n < RUNS; n++)
        executionIds.push((await testRunWorkflow({ db, workflowId: workflow.id, input: { body: { n } } })).id);

      // Which workers were seen holding runs, to show both took part.
      const owners = new Set<string>();
      await waitUntil(
        async () => {
          const rows = await db.execution.findMany({
            where: { agentId: agent.id },
            select: { status: true, leaseOwner: true },
          });
          for (const row of rows) if (row.leaseOwner) owners.add(row.leaseOwner);
          return rows.every((row) => row.status === "succeeded");
        },
        { what: `all ${RUNS} runs have succeeded`, timeoutMs: 25_000, intervalMs: 10 },
      );

      const seen = server.received.map((request) => request.path.replace("/runs/", ""));
      expect(seen.toSorted()).toEqual(executionIds.toSorted());
      expect(server.received.map((request) => JSON.parse(request.body).n).toSorted((a, b) => a - b)).toEqual([
        ...Array(RUNS).keys(),
      ]);

      const executions = await db.execution.findMany({ where: { agentId: agent.id }, include: { stepRuns: true } });
      for (const execution of executions) {
        expect(execution, execution.id).toMatchObject({ status: "succeeded", attempt: 1, leaseOwner: null });
        expect(execution.stepRuns.map((run) => [run.stepId, run.status]).toSorted(), execution.id).toEqual([
          ["call", "succeeded"],
          ["done", "succeeded"],
        ]);
      }
      expect([...owners].toSorted()).toEqual(workers.map((worker) => worker.workerId).toSorted());
    } finally {
      for (const worker of workers) worker.kill("SIGTERM");
      const exits = await Promise.all(workers.map((worker) => worker.exited));
      expect(exits).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    }
  });
});
