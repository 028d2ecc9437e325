// The payment template end to end, as the issue reported it: signed payment webhooks for one
// account, sent at once, run by two real worker processes (test/worker-child.ts, configured like
// `npm run worker`) on one database. The balance is updated atomically, so it ends exact; a replay
// or redelivery of a credited payment changes nothing; a payment in another currency is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isProviderAvailable, providers } from "@/test/databases";
import { startWorkerChild, waitUntil, type WorkerChild } from "@/test/engine";
import { baseUrl, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { findWorkflowTemplate } from "./templates";

const PAYMENTS = 50;
const template = findWorkflowTemplate("payment-processed")!;

describe.each(providers)("payments on %s with two worker processes", (provider) => {
  const harness = useWebhookApp(provider);
  let workers: WorkerChild[] = [];
  let replayDelivery: (typeof import("@/lib/executions/replay-delivery"))["replayDelivery"];

  beforeAll(async () => {
    // Loaded after the harness's fresh modules, so it shares their database.
    ({ replayDelivery } = await import("@/lib/executions/replay-delivery"));
    if (!isProviderAvailable(provider)) return;
    const env = { WORKER_CONCURRENCY: "4", WORKER_POLL_INTERVAL_MS: "50" };
    workers = await Promise.all([
      startWorkerChild({ target: harness.database.target, env }),
      startWorkerChild({ target: harness.database.target, env }),
    ]);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill("SIGTERM");
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual(
      workers.map(() => ({ code: 0, signal: null })),
    );
  });

  /** An agent whose webhook runs the payment template. */
  async function paymentWebhook() {
    const { app, direct: db } = harness;
    const agent = await app.agents.createAgent({ db, input: { name: "Payments" } });
    const workflow = await app.workflows.createWorkflow({
      db,
      agentId: agent.id,
      input: { name: template.name, definition: template.definition },
    });
    const webhook = await app.webhooks.createWebhook({
      db,
      agentId: agent.id,
      input: { name: "Payment gateway", workflowId: workflow.id, rateLimitPerSecond: 10_000, rateLimitBurst: 10_000 },
      baseUrl,
    });
    const { keyFile } = await app.webhooks.generateWebhookKey({
      db,
      agentId: agent.id,
      webhookId: webhook.id,
      baseUrl,
    });
    // As a gateway would: a 503 (nothing stored, "retry later") is sent again. On PostgreSQL fifty
    // requests at once in one process can outwait the client's connection pool.
    const send = async (body: Record<string, unknown>) => {
      for (let attempt = 1; ; attempt++) {
        const reply = await harness.post(
          webhookRequest({ webhookId: webhook.id, body: JSON.stringify(body), privateKey: keyFile.privateKey }),
        );
        if (reply.status === 503 && attempt < 20) {
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          continue;
        }
        expect(reply.status, JSON.stringify(reply.body)).toBe(202);
        return reply.body as { deliveryId: string; executionId: string };
      }
    };
    return { agentId: agent.id, webhookId: webhook.id, privateKey: keyFile.privateKey, send };
  }

  const payment = (paymentId: string, overrides: Record<string, unknown> = {}) => ({
    event: "payment.processed",
    paymentId,
    accountId: "acc_1",
    amount: 10,
    currency: "EUR",
    paidAt: "2026-12-01T10:00:00Z",
    ...overrides,
  });

  async function finished(executionIds: string[]) {
    const { direct: db } = harness;
    await waitUntil(
      async () =>
        (await db.execution.count({ where: { id: { in: executionIds }, status: { in: ["succeeded", "failed"] } } })) ===
        executionIds.length,
      { what: `${executionIds.length} runs have finished`, timeoutMs: 90_000, intervalMs: 50 },
    );
    return db.execution.findMany({
      where: { id: { in: executionIds } },
      include: { stepRuns: { orderBy: { stepIndex: "asc" } } },
    });
  }

  async function balanceOf(agentId: string) {
    const record = await harness.direct.dataRecord.findUnique({
      where: { agentId_collection_key: { agentId, collection: "balances", key: "acc_1" } },
    });
    return record && (JSON.parse(record.data) as { balance: number; currency: string; appliedPaymentIds: string[] });
  }

  const creditOutput = (execution: { stepRuns: { stepId: string; output: string | null }[] }) =>
    JSON.parse(execution.stepRuns.find((run) => run.stepId === "credit_balance")?.output ?? "null");

  it(`credits ${PAYMENTS} payments sent at once for one account exactly once each, then ignores a replay and a redelivery`, async () => {
    const account = await paymentWebhook();
    const ids = Array.from({ length: PAYMENTS }, (_, index) => `pay_${index}`);
    const accepted = await Promise.all(ids.map((id) => account.send(payment(id))));

    // Which workers were seen holding runs, to show both took part.
    const owners = new Set<string>();
    await waitUntil(
      async () => {
        const rows = await harness.direct.execution.findMany({
          where: { agentId: account.agentId },
          select: { status: true, leaseOwner: true },
        });
        for (const row of rows) if (row.leaseOwner) owners.add(row.leaseOwner);
        return rows.every((row) => row.status === "succeeded" || row.status === "failed");
      },
      { what: `all ${PAYMENTS} runs have finished`, timeoutMs: 90_000, intervalMs: 10 },
    );
    const runs = await finished(accepted.map((reply) => reply.executionId));
    expect(runs.map((run) => [run.status, run.error])).toEqual(runs.map(() => ["succeeded", null]));
    expect(runs.map((run) => creditOutput(run).changed)).toEqual(runs.map(() => true));
    const balance = await balanceOf(account.agentId);
    expect(balance).toMatchObject({ currency: "EUR", balance: 10 * PAYMENTS });
    expect(balance?.appliedPaymentIds.toSorted()).toEqual(ids.toSorted());
    expect([...owners].toSorted()).toEqual(workers.map((worker) => worker.workerId).toSorted());

    // The builder replays one delivery, and the gateway sends another payment again.
    const replay = await replayDelivery({
      db: harness.direct,
      agentId: account.agentId,
      webhookId: account.webhookId,
      deliveryId: accepted[7].deliveryId,
    });
    // A byte-identical redelivery stops at the endpoint (replay protection: 200, duplicate); one the
    // gateway serialized anew (a delivery counter added) runs, and the template ignores the payment.
    const identical = await harness.post(
      webhookRequest({
        webhookId: account.webhookId,
        body: JSON.stringify(payment("pay_31")),
        privateKey: account.privateKey,
      }),
    );
    expect(identical).toMatchObject({ status: 200, body: { duplicate: true } });
    const redelivery = await account.send(payment("pay_31", { deliveryAttempt: 2 }));
    const repeated = await finished([replay.id, redelivery.executionId]);
    expect(repeated.map((run) => [run.status, creditOutput(run).changed])).toEqual([
      ["succeeded", false],
      ["succeeded", false],
    ]);
    expect(await balanceOf(account.agentId)).toEqual(balance);
  }, 180_000);

  it("refuses a USD payment to a EUR account at once, naming both currencies, and leaves the balance as it was", async () => {
    const account = await paymentWebhook();
    const [first] = await finished([(await account.send(payment("pay_eur"))).executionId]);
    expect(first.status).toBe("succeeded");
    const before = await balanceOf(account.agentId);

    const [refused] = await finished([
      (await account.send(payment("pay_usd", { currency: "USD", amount: 25 }))).executionId,
    ]);
    const message = "Payment currency USD does not match the account currency EUR";
    // Failed on its first attempt, not retried: the template allows three.
    expect(refused).toMatchObject({ status: "failed", attempt: 1, error: `credit_balance: ${message}` });
    expect(refused.stepRuns.map((run) => [run.stepId, run.status, run.error])).toEqual([
      ["validate_payment", "succeeded", null],
      ["credit_balance", "failed", message],
    ]);
    expect(await balanceOf(account.agentId)).toEqual(before);
    expect(before).toMatchObject({ currency: "EUR", balance: 10 });
  }, 60_000);
});
