// Many senders at once, on both providers: one idempotency key must yield exactly one delivery
// and one execution however the requests interleave; distinct keys must all be stored.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useWebhookApp, webhookRequest } from "@/test/webhook-app";

const PARALLEL = 50;

describe.each(providers)("concurrent webhook ingestion on %s", (provider) => {
  const harness = useWebhookApp(provider);

  it(`stores ${PARALLEL} parallel identical requests with one Idempotency-Key once`, async () => {
    const { webhook, privateKey } = await harness.createWebhook();
    const body = JSON.stringify({ event: "payment.captured", id: "pay_1" });
    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        harness.post(
          webhookRequest({ webhookId: webhook.id, body, privateKey, headers: { "idempotency-key": "pay_1" } }),
        ),
      ),
    );

    expect(replies.map((reply) => reply.status).sort()).toEqual([...Array(PARALLEL - 1).fill(200), 202]);
    const [first] = replies.filter((reply) => reply.status === 202);
    for (const reply of replies) {
      expect(reply.body).toMatchObject({
        deliveryId: first.body.deliveryId,
        executionId: first.body.executionId,
        status: "queued",
      });
    }
    expect(first.body.executionId).toEqual(expect.stringMatching(/^run_/));

    const { direct } = harness;
    const deliveries = await direct.delivery.findMany({ where: { webhookId: webhook.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      id: first.body.deliveryId,
      outcome: "accepted",
      duplicateCount: PARALLEL - 1,
    });
    const executions = await direct.execution.findMany({ where: { webhookId: webhook.id } });
    expect(executions).toMatchObject([
      { id: first.body.executionId, deliveryId: first.body.deliveryId, status: "queued" },
    ]);
  });

  it(`stores ${PARALLEL} parallel requests with distinct keys as ${PARALLEL} deliveries and executions`, async () => {
    const { webhook, privateKey } = await harness.createWebhook();
    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        harness.post(
          webhookRequest({
            webhookId: webhook.id,
            body: JSON.stringify({ i }),
            privateKey,
            headers: { "idempotency-key": `evt-${i}` },
          }),
        ),
      ),
    );

    expect(replies.every((reply) => reply.status === 202)).toBe(true);
    expect(new Set(replies.map((reply) => reply.body.deliveryId)).size).toBe(PARALLEL);
    expect(new Set(replies.map((reply) => reply.body.executionId)).size).toBe(PARALLEL);
    const { direct } = harness;
    const deliveries = await direct.delivery.findMany({
      where: { webhookId: webhook.id },
      select: { idempotencyKey: true, body: true, outcome: true },
    });
    expect(deliveries).toHaveLength(PARALLEL);
    expect(new Set(deliveries.map((row) => row.idempotencyKey))).toEqual(
      new Set(Array.from({ length: PARALLEL }, (_, i) => `evt-${i}`)),
    );
    expect(
      deliveries.every(
        (row) => row.outcome === "accepted" && row.body === JSON.stringify({ i: Number(row.idempotencyKey!.slice(4)) }),
      ),
    ).toBe(true);
    expect(await direct.execution.count({ where: { webhookId: webhook.id, status: "queued" } })).toBe(PARALLEL);
  });

  it(`stores ${PARALLEL} parallel requests without a key as ${PARALLEL} deliveries, even with equal bodies`, async () => {
    const { webhook, privateKey } = await harness.createWebhook();
    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        harness.post(webhookRequest({ webhookId: webhook.id, body: "{}", privateKey })),
      ),
    );
    expect(replies.every((reply) => reply.status === 202)).toBe(true);
    expect(await harness.direct.delivery.count({ where: { webhookId: webhook.id, outcome: "accepted" } })).toBe(
      PARALLEL,
    );
    expect(await harness.direct.execution.count({ where: { webhookId: webhook.id } })).toBe(PARALLEL);
  });
});
