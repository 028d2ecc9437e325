// The engine on real databases: a queued run is claimed, its steps run in order with their
// outputs, inputs and durations stored, context flows from step to step, a rules step can end the
// run early, a permanent failure ends it at once, and a step that hangs times out.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine } from "@/test/engine";
import { sendJson } from "@/test/local-server";

describe.each(providers)("workflow engine on %s", (provider) => {
  const harness = useEngine(provider);
  const { queueTestRun, claimAndRun } = harness;

  const storedRun = (executionId: string) =>
    harness.database.db.execution.findUniqueOrThrow({
      where: { id: executionId },
      include: { stepRuns: { orderBy: { stepIndex: "asc" } } },
    });

  it("runs the steps in order, each reading the trigger and earlier outputs, and stores every output", async () => {
    const { db } = harness.database;
    const { executionId } = await queueTestRun(
      {
        steps: [
          { id: "amount", type: "transform", config: { expression: "trigger.body.amount * 100" } },
          {
            id: "balance",
            type: "record_write",
            config: { collection: "balances", key: "{{ trigger.body.account }}", data: "{ 'cents': steps.amount }" },
          },
        ],
      },
      { account: "acc-7", amount: 12.5 },
    );
    expect(await claimAndRun("worker-a")).toBe("succeeded");

    const stored = await storedRun(executionId);
    expect(stored).toMatchObject({
      status: "succeeded",
      attempt: 1,
      leaseOwner: null,
      leaseExpiresAt: null,
      error: null,
      stoppedAtStepId: null,
      trigger: "test",
    });
    expect(stored.startedAt).not.toBeNull();
    expect(stored.finishedAt!.getTime()).toBeGreaterThanOrEqual(stored.startedAt!.getTime());
    expect(
      stored.stepRuns.map((run) => [
        run.stepId,
        run.stepIndex,
        run.stepType,
        run.status,
        run.attempt,
        JSON.parse(run.output ?? "null"),
      ]),
    ).toEqual([
      ["amount", 0, "transform", "succeeded", 1, 1250],
      ["balance", 1, "record_write", "succeeded", 1, { collection: "balances", key: "acc-7", data: { cents: 1250 } }],
    ]);
    const record = await db.dataRecord.findFirstOrThrow({ where: { collection: "balances", key: "acc-7" } });
    expect(JSON.parse(record.data)).toEqual({ cents: 1250 });
  });

  it("stores each step's input (the rendered request for HTTP), output and duration, and passes outputs on", async () => {
    const api = await harness.startServer((request, response) =>
      setTimeout(
        () =>
          sendJson(response, 200, {
            id: new URL(request.path, "http://x").pathname.split("/").pop(),
            tier: "gold",
            limits: [100, 250],
          }),
        60,
      ),
    );
    const { executionId } = await queueTestRun(
      {
        steps: [
          {
            id: "fetch",
            type: "http_request",
            config: {
              url: `${api.origin}/clients/{{ trigger.body.client }}?run={{ execution.id }}`,
              headers: { Authorization: "Bearer {{ trigger.body.token }}", "X-Trace": "t-{{ trigger.body.client }}" },
            },
          },
          {
            id: "limit",
            type: "transform",
            config: { expression: "$max(steps.fetch.body.limits) * (steps.fetch.body.tier = 'gold' ? 2 : 1)" },
          },
          {
            id: "summary",
            type: "transform",
            config: {
              expression:
                "{ 'client': steps.fetch.body.id, 'limit': steps.limit, 'agent': agent.name, 'sample': trigger.body.client }",
            },
          },
        ],
      },
      { client: "c-9", token: "s3cret" },
    );
    expect(await claimAndRun("worker-a")).toBe("succeeded");

    expect(api.received).toHaveLength(1);
    expect(api.received[0]).toMatchObject({ method: "GET", path: `/clients/c-9?run=${executionId}` });
    expect(api.received[0].headers).toMatchObject({ authorization: "Bearer s3cret", "x-trace": "t-c-9" });

    const [fetch, limit, summary] = (await storedRun(executionId)).stepRuns;
    expect(JSON.parse(fetch.input!)).toEqual({
      method: "GET",
      url: `${api.origin}/clients/c-9?run=${executionId}`,
      headers: { authorization: "[redacted]", "x-trace": "t-c-9" },
      body: null,
    });
    expect(fetch.input).not.toContain("s3cret");
    expect(JSON.parse(fetch.output!)).toMatchObject({
      status: 200,
      headers: { "content-type": "application/json" },
      body: { id: "c-9", tier: "gold", limits: [100, 250] },
    });
    // A transform has no rendered input: its configuration stands in.
    expect(JSON.parse(limit.input!)).toEqual({
      expression: "$max(steps.fetch.body.limits) * (steps.fetch.body.tier = 'gold' ? 2 : 1)",
    });
    expect(JSON.parse(limit.output!)).toBe(500);
    expect(JSON.parse(summary.output!)).toEqual({ client: "c-9", limit: 500, agent: "Payments", sample: "c-9" });
    expect(fetch.durationMs).toBeGreaterThanOrEqual(50);
    expect(fetch.finishedAt.getTime() - fetch.startedAt.getTime()).toBe(fetch.durationMs);
    for (const run of [limit, summary]) expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(limit.startedAt.getTime()).toBeGreaterThanOrEqual(fetch.finishedAt.getTime());
  });

  it("runs the version the run was queued with, even after the workflow changed", async () => {
    const { db } = harness.database;
    const { workflowId, executionId } = await queueTestRun({
      steps: [{ id: "v", type: "transform", config: { expression: "'first'" } }],
    });
    const { updateWorkflow } = await import("@/lib/workflows/update-workflow");
    await updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db,
      workflowId,
      input: { definition: { steps: [{ id: "v", type: "transform", config: { expression: "'second'" } }] } },
    });
    expect(await claimAndRun("worker-a")).toBe("succeeded");
    const stored = await storedRun(executionId);
    expect(stored.workflowVersion).toBe(1);
    expect(JSON.parse(stored.stepRuns[0].output!)).toBe("first");
  });

  it("runs a workflow without steps to success", async () => {
    const { executionId } = await queueTestRun({ steps: [] });
    expect(await claimAndRun("worker-a")).toBe("succeeded");
    expect(await storedRun(executionId)).toMatchObject({ status: "succeeded", stepRuns: [] });
  });

  describe("a rules step with stopWhen", () => {
    const fraudCheck = {
      steps: [
        {
          id: "risk",
          type: "rules",
          config: {
            rules: [
              { name: "large amount", when: "trigger.body.amount > 1000", score: 60, label: "large" },
              { name: "new account", when: "trigger.body.accountAgeDays < 7", score: 30, label: "new" },
            ],
            stopWhen: "$output.score < 50",
          },
        },
        {
          id: "alert",
          type: "record_write",
          config: { collection: "alerts", key: "{{ trigger.body.tx }}", data: "steps.risk" },
        },
        { id: "after", type: "transform", config: { expression: "'ran'" } },
      ],
    };

    it("ends the run successfully at that step, and the later steps never run", async () => {
      const { db } = harness.database;
      const { executionId } = await queueTestRun(fraudCheck, { tx: "tx-1", amount: 20, accountAgeDays: 2 });
      expect(await claimAndRun("worker-a")).toBe("succeeded");
      const stored = await storedRun(executionId);
      expect(stored).toMatchObject({ status: "succeeded", stoppedAtStepId: "risk", error: null });
      expect(stored.stepRuns.map((run) => [run.stepId, JSON.parse(run.output!)])).toEqual([
        ["risk", { score: 30, labels: ["new"], matched: ["new account"] }],
      ]);
      expect(await db.dataRecord.count()).toBe(0);
    });

    it("goes on when stopWhen is false", async () => {
      const { db } = harness.database;
      const { executionId } = await queueTestRun(fraudCheck, { tx: "tx-2", amount: 5000, accountAgeDays: 2 });
      expect(await claimAndRun("worker-a")).toBe("succeeded");
      const stored = await storedRun(executionId);
      expect(stored).toMatchObject({ status: "succeeded", stoppedAtStepId: null });
      expect(stored.stepRuns.map((run) => run.stepId)).toEqual(["risk", "alert", "after"]);
      const alert = await db.dataRecord.findFirstOrThrow({ where: { collection: "alerts", key: "tx-2" } });
      expect(JSON.parse(alert.data)).toEqual({
        score: 90,
        labels: ["large", "new"],
        matched: ["large amount", "new account"],
      });
    });
  });

  it("fails at once on a permanent error (the builder's expression), without scheduling a retry", async () => {
    const { db } = harness.database;
    const { executionId } = await queueTestRun(
      {
        steps: [
          { id: "lookup", type: "record_read", config: { collection: "clients", key: "{{ trigger.body.id }}" } },
          { id: "boom", type: "transform", config: { expression: "$error('upstream not ready')" } },
          { id: "never", type: "transform", config: { expression: "1" } },
        ],
        retry: { maxAttempts: 2, backoffSeconds: 60 },
      },
      { id: "c-1" },
    );
    expect(await claimAndRun("worker-a")).toBe("failed");
    const failed = await storedRun(executionId);
    expect(failed).toMatchObject({ status: "failed", attempt: 1, leaseOwner: null });
    expect(failed.error).toMatch(/^boom: .*upstream not ready/);
    expect(failed.finishedAt).not.toBeNull();
    expect(failed.stepRuns.map((run) => [run.stepId, run.status])).toEqual([
      ["lookup", "succeeded"],
      ["boom", "failed"],
    ]);
    expect(failed.stepRuns[1]).toMatchObject({ output: null, error: expect.stringContaining("upstream not ready") });
    expect(await db.execution.count({ where: { status: "queued" } })).toBe(0);
  });

  it("fails a step that outlasts its timeout with a message saying it timed out", async () => {
    const hanging = await harness.startServer(() => undefined);
    const { executionId } = await queueTestRun({
      steps: [{ id: "slow", type: "http_request", timeoutSeconds: 1, config: { url: `${hanging.origin}/never` } }],
      retry: { maxAttempts: 1, backoffSeconds: 1 },
    });
    expect(await claimAndRun("worker-a")).toBe("failed");
    const failed = await storedRun(executionId);
    expect(hanging.received).toHaveLength(1);
    expect(failed.error).toMatch(/^slow: .*timed out/);
    expect(failed.stepRuns).toHaveLength(1);
    expect(failed.stepRuns[0]).toMatchObject({
      stepId: "slow",
      status: "failed",
      error: expect.stringMatching(/timed out/),
    });
    expect(failed.stepRuns[0].durationMs).toBeGreaterThanOrEqual(900);
  });

  it("gives up on a run whose attempts were all used up by workers that died", async () => {
    const { db } = harness.database;
    const { executionId } = await queueTestRun({
      steps: [{ id: "a", type: "transform", config: { expression: "1" } }],
      retry: { maxAttempts: 2, backoffSeconds: 1 },
    });
    // Two workers claimed it and died (their leases ran out): the third claim is past the limit.
    await db.execution.update({ where: { id: executionId }, data: { attempt: 2 } });
    expect(await claimAndRun("worker-a")).toBe("failed");
    const failed = await storedRun(executionId);
    expect(failed).toMatchObject({ status: "failed", attempt: 3, stepRuns: [] });
    expect(failed.error).toMatch(/Gave up after 2 attempts/);
  });
});
