// What starts a run, end to end: a signed POST to the webhook endpoint, a test run with a sample
// body, and a replay of a stored delivery; a worker then runs each with that trigger in context.
import { beforeAll, describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { allowLocalCalls, waitUntil } from "@/test/engine";
import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";
import { useWebhookApp, webhookRequest } from "@/test/webhook-app";

let crm: LocalServer;
beforeAll(async () => {
  crm = await startLocalServer((request, response) =>
    sendJson(response, 200, { updated: JSON.parse(request.body || "null") }),
  );
  return () => crm.close();
});

describe.each(providers)("triggers on %s", (provider) => {
  const harness = useWebhookApp(provider, { env: allowLocalCalls });
  let engine: {
    startWorker: (typeof import("./worker"))["startWorker"];
    testRunWorkflow: (typeof import("@/lib/executions/test-run-workflow"))["testRunWorkflow"];
    replayDelivery: (typeof import("@/lib/executions/replay-delivery"))["replayDelivery"];
  };
  beforeAll(async () => {
    // Loaded after the harness's fresh modules, so they share its environment (outbound calls allowed).
    engine = {
      ...(await import("./worker")),
      ...(await import("@/lib/executions/test-run-workflow")),
      ...(await import("@/lib/executions/replay-delivery")),
    };
  });

  const definition = () => ({
    steps: [
      {
        id: "who",
        type: "transform",
        config: {
          expression:
            "{ 'customer': trigger.body.customer, 'webhook': trigger.webhookId, 'type': trigger.headers.`content-type`, 'at': trigger.receivedAt }",
        },
      },
      {
        id: "push",
        type: "http_request",
        config: {
          method: "POST",
          url: `${crm.origin}/customers`,
          body: { id: "{{ steps.who.customer }}", source: "{{ trigger.webhookId ? 'webhook' : 'test' }}" },
        },
      },
    ],
    retry: { maxAttempts: 4, backoffSeconds: 5 },
  });

  async function runUntilDone(executionIds: string[]) {
    const { direct: db } = harness;
    const worker = engine.startWorker({
      db,
      provider,
      concurrency: 2,
      pollIntervalMs: 25,
      leaseMs: 30_000,
      shutdownGraceMs: 1_000,
    });
    try {
      await waitUntil(
        async () =>
          (await db.execution.count({ where: { id: { in: executionIds }, status: "succeeded" } })) ===
          executionIds.length,
        { what: "the runs have succeeded" },
      );
    } finally {
      await worker.stop();
    }
    return db.execution.findMany({
      where: { id: { in: executionIds } },
      include: { stepRuns: { orderBy: { stepIndex: "asc" } } },
      orderBy: { id: "asc" },
    });
  }

  it("runs the workflow for a signed webhook delivery, with the delivery as the trigger", async () => {
    const { app, direct } = harness;
    const { webhook, workflow, privateKey } = await harness.createWebhook();
    await app.workflows.updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db: direct,
      workflowId: workflow.id,
      input: { definition: definition() },
    });
    const received = crm.received.length;

    const reply = await harness.post(
      webhookRequest({ webhookId: webhook.id, body: JSON.stringify({ customer: "cus_7" }), privateKey }),
    );
    expect(reply.status).toBe(202);
    const executionId = reply.body.executionId as string;
    const queued = await direct.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(queued).toMatchObject({
      trigger: "webhook",
      workflowVersion: 2,
      maxAttempts: 4,
      status: "queued",
      deliveryId: reply.body.deliveryId,
    });

    const [run] = await runUntilDone([executionId]);
    const delivery = await direct.delivery.findUniqueOrThrow({ where: { id: reply.body.deliveryId as string } });
    expect(run).toMatchObject({ status: "succeeded", attempt: 1 });
    expect(JSON.parse(run.stepRuns[0].output!)).toEqual({
      customer: "cus_7",
      webhook: webhook.id,
      type: "application/json",
      at: delivery.receivedAt.toISOString(),
    });
    expect(crm.received.slice(received).map((request) => JSON.parse(request.body))).toEqual([
      { id: "cus_7", source: "webhook" },
    ]);
  });

  it("runs a test run with the sample body and headers given, without a webhook", async () => {
    const { app, direct } = harness;
    const { workflow } = await harness.createWebhook();
    await app.workflows.updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db: direct,
      workflowId: workflow.id,
      input: { definition: definition() },
    });
    const received = crm.received.length;

    const queued = await engine.testRunWorkflow({
      db: direct,
      workflowId: workflow.id,
      input: { body: { customer: "cus_test" }, headers: { "content-type": "application/vnd.test+json" } },
    });
    expect(queued).toMatchObject({
      trigger: "test",
      status: "queued",
      workflowVersion: 2,
      maxAttempts: 4,
      webhook: null,
      deliveryId: null,
    });

    const [run] = await runUntilDone([queued.id]);
    expect(JSON.parse(run.stepRuns[0].output!)).toMatchObject({
      customer: "cus_test",
      type: "application/vnd.test+json",
    });
    expect(JSON.parse(run.stepRuns[0].output!).webhook).toBeNull();
    expect(crm.received.slice(received).map((request) => JSON.parse(request.body))).toEqual([
      { id: "cus_test", source: "test" },
    ]);
  });

  it("replays a delivery as a new run of the webhook's current workflow, from the stored body", async () => {
    const { app, direct } = harness;
    const { agent, webhook, workflow, privateKey } = await harness.createWebhook();
    const reply = await harness.post(
      webhookRequest({ webhookId: webhook.id, body: JSON.stringify({ customer: "cus_9" }), privateKey }),
    );
    const original = reply.body.executionId as string;
    await app.workflows.updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db: direct,
      workflowId: workflow.id,
      input: { definition: definition() },
    });

    const replay = await engine.replayDelivery({
      db: direct,
      agentId: agent.id,
      webhookId: webhook.id,
      deliveryId: reply.body.deliveryId as string,
    });
    expect(replay).toMatchObject({
      trigger: "replay",
      replayOfId: original,
      workflowVersion: 2,
      deliveryId: null,
      webhook: { id: webhook.id },
    });

    const runs = await runUntilDone([original, replay.id]);
    const replayed = runs.find((run) => run.id === replay.id)!;
    // The original ran version 1 (no steps); the replay runs what the workflow is now.
    expect(runs.find((run) => run.id === original)!.stepRuns).toEqual([]);
    expect(JSON.parse(replayed.stepRuns[0].output!)).toMatchObject({ customer: "cus_9", webhook: webhook.id });
  });
});
