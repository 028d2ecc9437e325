// What testing found on the public endpoint, on both providers: the compact form that verified is
// what is stored and run, x-signature replay protection, an Idempotency-Key reused with another
// body, and unsigned floods that must not use up a signed sender's rate limit.
import { describe, expect, it } from "vitest";

import { fromWebRequest } from "@/lib/webhooks/ingest/ingest-request";
import { providers } from "@/test/databases";
import { baseUrl, sign, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { IDEMPOTENCY_WINDOW_MS } from "./ingest";

const PARALLEL = 50;

describe.each(providers)("webhook endpoint findings on %s", (provider) => {
  const harness = useWebhookApp(provider, { env: { WEBHOOK_RATE_LIMIT_BURST: "1000" } });
  const { post } = harness;
  const rowsOf = async (webhookId: string) => ({
    deliveries: await harness.direct.delivery.findMany({ where: { webhookId }, orderBy: { id: "asc" } }),
    executions: await harness.direct.execution.findMany({ where: { webhookId } }),
  });

  describe("the compact form", () => {
    it("stores and runs exactly the string that verified, not the raw bytes", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const raw = '{"a":1e400,"amount":1,"amount":1000}';
      const verified = JSON.stringify(JSON.parse(raw));
      expect(verified).toBe('{"a":null,"amount":1000}');
      const reply = await post(
        webhookRequest({ webhookId: webhook.id, body: raw, signature: sign(privateKey, verified) }),
      );
      expect(reply.status).toBe(202);

      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(deliveries).toMatchObject([{ signedForm: "canonical", body: verified, bodyBytes: raw.length }]);
      expect(executions).toHaveLength(1);
      const run = await harness.direct.execution.findUniqueOrThrow({
        where: { id: reply.body.executionId as string },
        include: { delivery: true },
      });
      // The run reads its trigger body from the stored delivery.
      expect(JSON.parse(run.delivery!.body)).toEqual({ a: null, amount: 1000 });
    });

    it("keeps a body signed over its raw bytes byte for byte", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const raw = '{"amount":1,"amount":1000}';
      expect((await post(webhookRequest({ webhookId: webhook.id, body: raw, privateKey }))).status).toBe(202);
      expect((await rowsOf(webhook.id)).deliveries).toMatchObject([{ signedForm: "raw", body: raw }]);
    });
  });

  describe("replay protection (x-signature)", () => {
    const body = JSON.stringify({ event: "invoice.paid", amount: 1000 });

    it("is on for a new webhook, off when turned off, and shown in the management API", async () => {
      const { app, direct } = harness;
      const { agent, workflow } = await harness.createWebhook();
      const created = await app.webhooks.createWebhook({
        db: direct,
        agentId: agent.id,
        input: { name: "Default", workflowId: workflow.id },
        baseUrl,
      });
      expect(created.replayProtection).toBe(true);
      const updated = await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: created.id,
        input: { replayProtection: false },
        baseUrl,
      });
      expect(updated.replayProtection).toBe(false);
      await expect(
        app.webhooks.updateWebhook({
          db: direct,
          agentId: agent.id,
          webhookId: created.id,
          input: { replayProtection: "yes" },
          baseUrl,
        }),
      ).rejects.toThrow(/true or false/);
    });

    it("answers a byte-identical signed request as a duplicate of the first, whatever the signature's spelling", async () => {
      const { webhook, privateKey } = await harness.createWebhook({ settings: { replayProtection: true } });
      const signature = sign(privateKey, body);
      const send = (header: string) => post(webhookRequest({ webhookId: webhook.id, body, signature: header }));
      const first = await send(signature);
      expect(first.status).toBe(202);
      for (const header of [signature, `sha256=${signature.toUpperCase()}`]) {
        const again = await send(header);
        expect(again).toMatchObject({
          status: 200,
          body: { deliveryId: first.body.deliveryId, executionId: first.body.executionId, duplicate: true },
        });
      }
      // A new Idempotency-Key does not make a copy new: the header is not signed.
      const withKey = await post(
        webhookRequest({ webhookId: webhook.id, body, signature, headers: { "idempotency-key": "fresh" } }),
      );
      expect(withKey).toMatchObject({ status: 200, body: { deliveryId: first.body.deliveryId, duplicate: true } });
      // Another body is another event.
      const other = await post(webhookRequest({ webhookId: webhook.id, body: `${body} `, privateKey }));
      expect(other.status).toBe(202);

      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(executions).toHaveLength(2);
      expect(deliveries.find((row) => row.id === first.body.deliveryId)).toMatchObject({ duplicateCount: 3 });
    });

    it("accepts every copy when it is off", async () => {
      const { webhook, privateKey } = await harness.createWebhook({ settings: { replayProtection: false } });
      for (let i = 0; i < 2; i++)
        expect((await post(webhookRequest({ webhookId: webhook.id, body, privateKey }))).status).toBe(202);
      expect((await rowsOf(webhook.id)).executions).toHaveLength(2);
    });

    it("accepts a copy again after the 24 h window", async () => {
      const { webhook, privateKey } = await harness.createWebhook({ settings: { replayProtection: true } });
      const send = () => post(webhookRequest({ webhookId: webhook.id, body, privateKey }));
      const first = await send();
      await harness.direct.delivery.update({
        where: { id: first.body.deliveryId as string },
        data: { receivedAt: new Date(Date.now() - IDEMPOTENCY_WINDOW_MS - 60_000) },
      });
      const later = await send();
      expect(later.status).toBe(202);
      expect(later.body.deliveryId).not.toBe(first.body.deliveryId);
      expect(await send()).toMatchObject({ status: 200, body: { deliveryId: later.body.deliveryId, duplicate: true } });
    });

    it(`stores ${PARALLEL} parallel copies of one signed request once`, async () => {
      const { webhook, privateKey } = await harness.createWebhook({ settings: { replayProtection: true } });
      const replies = await Promise.all(
        Array.from({ length: PARALLEL }, () => post(webhookRequest({ webhookId: webhook.id, body, privateKey }))),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([...Array(PARALLEL - 1).fill(200), 202]);
      const [first] = replies.filter((reply) => reply.status === 202);
      for (const reply of replies) expect(reply.body.deliveryId).toBe(first.body.deliveryId);
      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(deliveries).toMatchObject([{ id: first.body.deliveryId, duplicateCount: PARALLEL - 1 }]);
      expect(executions).toHaveLength(1);
    });
  });

  describe("Idempotency-Key reused with another body", () => {
    it("answers 422 idempotency_key_reused, queues nothing and keeps the first delivery as it was", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const send = (payload: object) =>
        post(
          webhookRequest({
            webhookId: webhook.id,
            body: JSON.stringify(payload),
            privateKey,
            headers: { "idempotency-key": "order-7781" },
          }),
        );
      const first = await send({ amount: 1 });
      expect(first.status).toBe(202);
      const reused = await send({ amount: 1000 });
      expect(reused.status).toBe(422);
      expect(reused.body).toEqual({
        error: { code: "idempotency_key_reused", message: expect.stringContaining("different body") },
      });
      expect(await send({ amount: 1 })).toMatchObject({ status: 200, body: { deliveryId: first.body.deliveryId } });

      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(executions).toHaveLength(1);
      expect(deliveries.find((row) => row.outcome === "accepted")).toMatchObject({
        body: '{"amount":1}',
        duplicateCount: 1,
      });
      expect(deliveries.filter((row) => row.outcome === "rejected")).toMatchObject([
        { httpStatus: 422, errorCode: "idempotency_key_reused", body: '{"amount":1000}' },
      ]);
    });

    it("settles parallel requests with one key and two bodies: one accepted, the other body refused", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(
            webhookRequest({
              webhookId: webhook.id,
              body: JSON.stringify({ variant: i % 2 }),
              privateKey,
              headers: { "idempotency-key": "race" },
            }),
          ),
        ),
      );
      const accepted = replies.filter((reply) => reply.status === 202);
      expect(accepted).toHaveLength(1);
      const winner = JSON.parse((await rowsOf(webhook.id)).deliveries.find((row) => row.outcome === "accepted")!.body);
      replies.forEach((reply, i) => {
        if (reply.status === 202) return;
        expect(reply.status).toBe(i % 2 === winner.variant ? 200 : 422);
      });
      expect((await rowsOf(webhook.id)).executions).toHaveLength(1);
    });
  });

  describe("rate limits", () => {
    it("lets signed requests through a flood of unsigned ones to the same webhook", async () => {
      const { webhook, privateKey } = await harness.createWebhook({
        // One token more than the signed requests need: the bucket never empties, so an unsigned
        // request admitted late (after the signed ones took their tokens) still reaches the
        // signature check instead of a fair 429 for an exhausted bucket.
        settings: { rateLimitPerSecond: 1, rateLimitBurst: 11 },
      });
      const unsigned = () => webhookRequest({ webhookId: webhook.id, body: '{"spam":true}', signature: null });
      const signed = (i: number) => webhookRequest({ webhookId: webhook.id, body: JSON.stringify({ i }), privateKey });
      const requests = Array.from({ length: 60 }, (_, i) => (i % 6 === 5 ? signed(i) : unsigned()));
      const replies = await Promise.all(requests.map((request) => post(request)));
      const statuses = (signedOnes: boolean) =>
        replies.filter((_, i) => (i % 6 === 5) === signedOnes).map((reply) => reply.status);
      expect(statuses(true)).toEqual(Array(10).fill(202));
      expect(new Set(statuses(false))).toEqual(new Set([401]));
    });

    it("limits refused requests per source address, apart from the webhook's own limit", async () => {
      const { app } = harness;
      const { webhook, privateKey } = await harness.createWebhook();
      const settings = { ...app.getIngestSettings(), rejectedRateLimit: { perSecond: 1, burst: 2 } };
      const send = async (from: string, signed: boolean) => {
        const request = webhookRequest({
          webhookId: webhook.id,
          body: '{"ok":true}',
          ...(signed ? { privateKey } : { signature: "0".repeat(64) }),
          headers: { "x-forwarded-for": from },
        });
        const store = await app.getIngestStore();
        return app.ingest.ingest({ request: fromWebRequest(request), webhookId: webhook.id, store, settings });
      };
      // The buckets live as long as the process: each provider's run uses its own addresses.
      const [flooder, other] =
        provider === "sqlite" ? ["203.0.113.7", "198.51.100.2"] : ["203.0.113.8", "198.51.100.3"];
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await send(flooder, false)).status);
      expect(statuses).toEqual([401, 401, 429]);
      const limited = await send(flooder, false);
      expect(limited.headers).toEqual({ "retry-after": "1" });
      expect((await send(other, false)).status).toBe(401);
      expect((await send(flooder, true)).status).toBe(202);
    });

    it("bounds the log of refusals per webhook even when every request claims another address", async () => {
      const { app } = harness;
      const { webhook } = await harness.createWebhook();
      const settings = { ...app.getIngestSettings(), rejectedRateLimit: { perSecond: 1, burst: 3 } };
      const statuses: number[] = [];
      const started = Date.now();
      for (let i = 0; i < 20; i++) {
        const request = webhookRequest({
          webhookId: webhook.id,
          body: '{"ok":true}',
          signature: "0".repeat(64),
          headers: { "x-forwarded-for": `192.0.2.${i + (provider === "sqlite" ? 10 : 100)}` },
        });
        const store = await app.getIngestStore();
        statuses.push(
          (await app.ingest.ingest({ request: fromWebRequest(request), webhookId: webhook.id, store, settings }))
            .status,
        );
      }
      // Each address has its own bucket, so every request gets its real answer...
      const elapsedSeconds = (Date.now() - started) / 1000;
      expect(statuses).toEqual(Array(20).fill(401));
      // ...but the webhook's log took only its burst plus one a second.
      const logged = await harness.direct.delivery.count({ where: { webhookId: webhook.id, outcome: "rejected" } });
      expect(logged).toBeGreaterThanOrEqual(3);
      expect(logged).toBeLessThanOrEqual(3 + Math.ceil(elapsedSeconds));
    });
  });
});
