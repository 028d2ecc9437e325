// The runaway expressions, started through Test run and through a signed webhook, run by
// the app's worker in this process, while a concurrent client keeps calling /api/health and the
// webhook endpoint: both must answer within a second throughout (the one timing this suite
// asserts: the liveness bound the issue asks for), each runaway run must fail with the step's own
// message and not be retried, and the well-behaved runs queued meanwhile must succeed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { waitUntil } from "@/test/engine";
import { baseUrl, useWebhookApp, webhookRequest, type WebhookFixture } from "@/test/webhook-app";

const LIVENESS_BOUND_MS = 1_000;

const runaways = [
  { name: "endless recursion", expression: "($f := function($x){ $f($x) }; $f(1))", timeoutSeconds: 2 },
  { name: "catastrophic backtracking", expression: "$match(trigger.body.text, /(a+)+$/)", timeoutSeconds: 2 },
  { name: "ten million strings", expression: "$count([1..10000000].($string($)))", timeoutSeconds: 5 },
];

describe.each(providers)("runaway expressions on %s", (provider) => {
  const harness = useWebhookApp(provider, { env: { WORKFLOW_SANDBOX_THREADS: "2" } });
  let modules: {
    health: typeof import("@/app/api/health/route");
    testRun: typeof import("@/app/api/workflows/[workflowId]/test-run/route");
    worker: import("@/lib/workflows/engine/worker").Worker;
    closeSandboxPool: () => Promise<void>;
  };
  let wellBehaved: WebhookFixture;

  beforeAll(async () => {
    // Loaded after the harness's fresh modules, so they share its database and environment.
    const { startWorker } = await import("@/lib/workflows/engine/worker");
    const db = await (await import("@/lib/db")).getDb();
    modules = {
      health: await import("@/app/api/health/route"),
      testRun: harness.signedIn(await import("@/app/api/workflows/[workflowId]/test-run/route")),
      worker: startWorker({ db, provider, concurrency: 8, pollIntervalMs: 50, leaseMs: 60_000, shutdownGraceMs: 0 }),
      closeSandboxPool: (await import("./sandbox-pool")).closeSandboxPool,
    };
  });
  afterAll(async () => {
    await modules?.worker.stop();
    await modules?.closeSandboxPool();
  });

  /** The slowest answer of /api/health and of the webhook endpoint, polled back to back until `done`. */
  async function watchLiveness(done: () => boolean) {
    const slowest = { health: 0, webhook: 0 };
    const accepted: string[] = [];
    for (let i = 0; !done(); i++) {
      let started = performance.now();
      const health = await modules.health.GET();
      slowest.health = Math.max(slowest.health, performance.now() - started);
      expect(health.status).toBe(200);
      started = performance.now();
      const body = JSON.stringify({ text: "fine", i });
      const reply = await harness.post(
        webhookRequest({ webhookId: wellBehaved.webhook.id, body, privateKey: wellBehaved.privateKey }),
      );
      slowest.webhook = Math.max(slowest.webhook, performance.now() - started);
      expect(reply.status).toBe(202);
      accepted.push(reply.body.executionId as string);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { slowest, accepted };
  }

  async function setDefinition(workflowId: string, expression: string, timeoutSeconds: number) {
    await harness.app.workflows.updateWorkflow({
      db: harness.direct,
      workflowId,
      input: { definition: { steps: [{ id: "t", type: "transform", timeoutSeconds, config: { expression } }] } },
      actor: { id: null, email: "builder@example.com" },
    });
  }

  it.each(runaways)("$name fails its runs while the server keeps answering", async (runaway) => {
    const db = harness.direct;
    wellBehaved = await harness.createWebhook({ name: "Well behaved" });
    await setDefinition(wellBehaved.workflow.id, "$uppercase(trigger.body.text)", 30);
    const hostile = await harness.createWebhook({ name: "Runaway" });
    await setDefinition(hostile.workflow.id, runaway.expression, runaway.timeoutSeconds);
    const triggerBody = { text: `${"a".repeat(29)}!` };

    const testRun = await modules.testRun.POST(
      new Request(`${baseUrl}/api/workflows/${hostile.workflow.id}/test-run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body: triggerBody }),
      }),
      { params: Promise.resolve({ workflowId: hostile.workflow.id }) },
    );
    expect(testRun.status).toBe(201);
    const testRunId = ((await testRun.json()) as { execution: { id: string } }).execution.id;
    const webhookRun = await harness.post(
      webhookRequest({
        webhookId: hostile.webhook.id,
        body: JSON.stringify(triggerBody),
        privateKey: hostile.privateKey,
      }),
    );
    expect(webhookRun.status).toBe(202);
    const runIds = [testRunId, webhookRun.body.executionId as string];

    const finished = async () =>
      (await db.execution.count({ where: { id: { in: runIds }, status: { in: ["succeeded", "failed"] } } })) === 2;
    let runawaysDone = false;
    const watching = watchLiveness(() => runawaysDone);
    await waitUntil(finished, { what: "both runaway runs finished", timeoutMs: 60_000, intervalMs: 100 });
    runawaysDone = true;
    const { slowest, accepted } = await watching;

    expect(slowest.health).toBeLessThan(LIVENESS_BOUND_MS);
    expect(slowest.webhook).toBeLessThan(LIVENESS_BOUND_MS);
    const runs = await db.execution.findMany({ where: { id: { in: runIds } }, include: { stepRuns: true } });
    const limits =
      runaway.timeoutSeconds === 5
        ? /^t: Step (timed out after 5 s|used more than 256 MB)$/
        : new RegExp(`^t: Step timed out after ${runaway.timeoutSeconds} s$`);
    for (const run of runs) {
      expect(run).toMatchObject({ status: "failed", attempt: 1 });
      expect(run.error).toMatch(limits);
      expect(run.stepRuns).toHaveLength(1);
    }

    // The well-behaved runs queued while the runaways ran all complete, with their own output.
    expect(accepted.length).toBeGreaterThan(0);
    await waitUntil(
      async () =>
        (await db.execution.count({ where: { id: { in: accepted }, status: "succeeded" } })) === accepted.length,
      { what: "the well-behaved runs succeeded", timeoutMs: 30_000, intervalMs: 100 },
    );
    const output = await db.stepRun.findFirstOrThrow({ where: { executionId: accepted[0] } });
    expect(JSON.parse(output.output ?? "null")).toBe("FINE");
  });
});
