// The public endpoint end to end: real Requests into app/api/webhooks/[id]/route.ts on a fresh
// database per provider, every status it answers, and what it stores (or refuses to store).
import { describe, expect, it } from "vitest";

import { fromWebRequest } from "@/lib/webhooks/ingest/ingest-request";
import { providers } from "@/test/databases";
import { baseUrl, sign, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { IDEMPOTENCY_WINDOW_MS, REJECTED_DELIVERIES_KEPT } from "./ingest";

const MAX_BODY_BYTES = 2048;
const event = {
  event: "invoice.paid",
  invoiceId: "inv_42",
  amount: 12.5,
  lines: [{ sku: "A-1", qty: 2 }],
  note: "héllo ✓",
};
const compact = JSON.stringify(event, null, 0);

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe.each(providers)("webhook ingestion on %s", (provider) => {
  // The rejected-log test sends over 200 requests to one webhook in a rush: more than the default burst.
  const harness = useWebhookApp(provider, {
    env: { WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY_BYTES), WEBHOOK_RATE_LIMIT_BURST: "1000" },
  });
  const { post } = harness;

  async function rowsOf(webhookId: string) {
    const { direct } = harness;
    const deliveries = await direct.delivery.findMany({ where: { webhookId }, orderBy: { id: "asc" } });
    const executions = await direct.execution.findMany({ where: { webhookId }, orderBy: { id: "asc" } });
    return { deliveries, executions };
  }

  async function expectError(reply: { status: number; body: Record<string, unknown> }, status: number, code: string) {
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
    expect((reply.body.error as { message: string }).message.length).toBeGreaterThan(10);
  }

  describe("202 accepted", () => {
    it("stores the delivery with its raw body and one queued execution of the workflow's version", async () => {
      const { webhook, workflow, agent, privateKey } = await harness.createWebhook({ workflowVersion: 3 });
      // One trusted proxy (WORKBENCH_TRUSTED_PROXY_HOPS=1) appended the address it saw; the rest is the client's say.
      const reply = await post(
        webhookRequest({
          webhookId: webhook.id,
          body: compact,
          privateKey,
          headers: { "x-forwarded-for": "198.51.100.1, 203.0.113.7" },
        }),
      );

      expect(reply.status).toBe(202);
      expect(reply.body).toEqual({
        deliveryId: expect.stringMatching(/^dlv_/),
        executionId: expect.stringMatching(/^run_/),
        status: "queued",
      });
      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        id: reply.body.deliveryId,
        outcome: "accepted",
        httpStatus: 202,
        body: compact,
        bodyBytes: Buffer.byteLength(compact),
        bodyTruncated: false,
        verifiedWith: "current",
        signedForm: "raw",
        errorCode: null,
        idempotencyKey: null,
        sourceIp: "203.0.113.7",
      });
      expect(executions).toHaveLength(1);
      expect(workflow.version).toBe(3);
      expect(executions[0]).toMatchObject({
        id: reply.body.executionId,
        deliveryId: reply.body.deliveryId,
        status: "queued",
        agentId: agent.id,
        workflowId: workflow.id,
        workflowVersion: 3,
        trigger: "webhook",
        input: null,
        attempt: 0,
        maxAttempts: 3,
      });
      // Rows the SQLite store writes itself must read back through Prisma as the same instant.
      expect(Math.abs(deliveries[0].receivedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(executions[0].runAt.getTime()).toBe(deliveries[0].receivedAt.getTime());
      expect(executions[0].createdAt.getTime()).toBe(deliveries[0].receivedAt.getTime());
    });

    it("queues the workflow's new version, with its new retry policy, right after its definition changes", async () => {
      const { app, direct } = harness;
      const { webhook, workflow, privateKey } = await harness.createWebhook();
      const send = () => post(webhookRequest({ webhookId: webhook.id, body: "{}", privateKey }));
      const first = await send(); // caches the webhook with version 1
      const definition = {
        steps: [{ id: "echo", type: "transform", config: { expression: "trigger.body" } }],
        retry: { maxAttempts: 7, backoffSeconds: 2 },
      };
      await app.workflows.updateWorkflow({
        actor: { id: null, email: "builder@example.com" },
        db: direct,
        workflowId: workflow.id,
        input: { definition },
      });
      const second = await send();
      const runs = await Promise.all(
        [first, second].map(async (reply) =>
          direct.execution.findUniqueOrThrow({ where: { id: reply.body.executionId as string } }),
        ),
      );
      expect(runs.map((run) => [run.workflowVersion, run.maxAttempts, run.trigger])).toEqual([
        [1, 3, "webhook"],
        [2, 7, "webhook"],
      ]);
    });

    it("accepts the reference client's signature over the compact form of a body sent pretty-printed", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const pretty = JSON.stringify(event, null, 2);
      const reply = await post(
        webhookRequest({ webhookId: webhook.id, body: pretty, signature: sign(privateKey, compact) }),
      );
      expect(reply.status).toBe(202);
      const { deliveries } = await rowsOf(webhook.id);
      // What runs is what was signed: the compact form that verified, not the pretty bytes.
      expect(deliveries[0]).toMatchObject({ signedForm: "canonical", body: compact, verifiedWith: "current" });
    });

    it("accepts JSON media types with parameters and +json suffixes, and an upper-case sha256= signature", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      for (const contentType of [
        "application/json; charset=utf-8",
        "application/cloudevents+json",
        "APPLICATION/JSON",
      ]) {
        const body = JSON.stringify({ contentType });
        const reply = await post(
          webhookRequest({
            webhookId: webhook.id,
            body,
            contentType,
            signature: `SHA256=${sign(privateKey, body).toUpperCase()}`,
          }),
        );
        expect(reply.status, contentType).toBe(202);
      }
      expect((await rowsOf(webhook.id)).executions).toHaveLength(3);
    });

    it("masks the signature in the stored headers", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const signature = sign(privateKey, compact);
      await post(
        webhookRequest({
          webhookId: webhook.id,
          body: compact,
          privateKey,
          headers: { authorization: "Bearer sk_live_1234567890" },
        }),
      );
      const [delivery] = (await rowsOf(webhook.id)).deliveries;
      const headers = JSON.parse(delivery.headers) as Record<string, string>;
      expect(headers["content-type"]).toBe("application/json");
      expect(headers["x-signature"]).toBe(`${signature.slice(0, 8)}…(64 chars)`);
      expect(delivery.headers).not.toContain(signature);
      expect(delivery.headers).not.toContain("sk_live_1234567890");
    });
  });

  describe("200 duplicate", () => {
    it.each(["idempotency-key", "x-idempotency-key"])(
      "answers a repeat with the same %s with the first ids and queues nothing new",
      async (header) => {
        const { webhook, privateKey } = await harness.createWebhook();
        const send = (body: string) =>
          post(webhookRequest({ webhookId: webhook.id, body, privateKey, headers: { [header]: "order-7781" } }));
        const first = await send(compact);
        expect(first.status).toBe(202);
        for (let repeat = 0; repeat < 2; repeat++) {
          const again = await send(compact);
          expect(again.status).toBe(200);
          expect(again.body).toEqual({
            deliveryId: first.body.deliveryId,
            executionId: first.body.executionId,
            status: "queued",
            duplicate: true,
          });
        }
        const { deliveries, executions } = await rowsOf(webhook.id);
        expect(deliveries).toHaveLength(1);
        expect(executions).toHaveLength(1);
        expect(deliveries[0]).toMatchObject({ idempotencyKey: "order-7781", duplicateCount: 2, body: compact });
      },
    );

    it("keeps idempotency keys apart per webhook", async () => {
      const one = await harness.createWebhook();
      const two = await harness.createWebhook();
      for (const { webhook, privateKey } of [one, two]) {
        const reply = await post(
          webhookRequest({
            webhookId: webhook.id,
            body: compact,
            privateKey,
            headers: { "idempotency-key": "shared" },
          }),
        );
        expect(reply.status).toBe(202);
      }
    });

    it("stops deduplicating after the 24 h window: the repeat is new and the old row keeps its data", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const send = () =>
        post(
          webhookRequest({ webhookId: webhook.id, body: compact, privateKey, headers: { "idempotency-key": "k-1" } }),
        );
      const first = await send();
      const oldReceivedAt = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS - 60_000);
      await harness.direct.delivery.update({
        where: { id: first.body.deliveryId as string },
        data: { receivedAt: oldReceivedAt },
      });

      const repeat = await send();
      expect(repeat.status).toBe(202);
      expect(repeat.body.deliveryId).not.toBe(first.body.deliveryId);
      expect(repeat.body.executionId).not.toBe(first.body.executionId);

      const old = await harness.direct.delivery.findUniqueOrThrow({
        where: { id: first.body.deliveryId as string },
        include: { execution: true },
      });
      expect(old).toMatchObject({ outcome: "accepted", body: compact, verifiedWith: "current", duplicateCount: 0 });
      expect(old.receivedAt.getTime()).toBe(oldReceivedAt.getTime());
      expect(old.execution?.id).toBe(first.body.executionId);
      // Within the window of the new delivery the key dedupes again, to the new one.
      const third = await send();
      expect(third).toMatchObject({ status: 200, body: { deliveryId: repeat.body.deliveryId, duplicate: true } });
      expect((await rowsOf(webhook.id)).executions).toHaveLength(2);
    });

    it.each([
      ["too long", "k".repeat(256)],
      ["with a space", "order 1"],
      ["non-ASCII", "clé"],
    ])("answers 400 invalid_idempotency_key for a key %s", async (_name, key) => {
      const { webhook, privateKey } = await harness.createWebhook();
      const reply = await post(
        webhookRequest({ webhookId: webhook.id, body: compact, privateKey, headers: { "idempotency-key": key } }),
      );
      await expectError(reply, 400, "invalid_idempotency_key");
      expect((await rowsOf(webhook.id)).executions).toHaveLength(0);
    });
  });

  describe("400 malformed JSON", () => {
    it.each<[string, Uint8Array]>([
      ["truncated JSON", Buffer.from('{"event": "invoice.paid",')],
      ["a trailing comma", Buffer.from('{"a": 1,}')],
      ["an empty body", Buffer.alloc(0)],
      ["bytes that are not UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ])("answers 400 for %s with a valid signature over the raw bytes, storing no execution", async (_name, body) => {
      const { webhook, privateKey } = await harness.createWebhook();
      const reply = await post(webhookRequest({ webhookId: webhook.id, body, privateKey }));
      await expectError(reply, 400, "malformed_json");
      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(executions).toHaveLength(0);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        outcome: "rejected",
        httpStatus: 400,
        errorCode: "malformed_json",
        bodyBytes: body.byteLength,
      });
    });
  });

  describe("401 unauthorised", () => {
    it.each<[string, (key: string) => string | null, string]>([
      ["no x-signature", () => null, "missing_signature"],
      ["an empty x-signature", () => "", "missing_signature"],
      ["63 hex characters", (key) => sign(key, compact).slice(1), "malformed_signature"],
      ["a base64 signature", (key) => Buffer.from(sign(key, compact), "hex").toString("base64"), "malformed_signature"],
      ["only sha256=", () => "sha256=", "malformed_signature"],
      ["another key's signature", () => sign("awk_someone-else", compact), "signature_mismatch"],
      [
        "one hex digit changed",
        (key) => sign(key, compact).replace(/^./, (c) => (c === "0" ? "1" : "0")),
        "signature_mismatch",
      ],
      [
        "a signature of another body",
        (key) => sign(key, JSON.stringify({ ...event, amount: 13 })),
        "signature_mismatch",
      ],
    ])("answers 401 for %s, storing only a rejected delivery", async (_name, signatureOf, code) => {
      const { webhook, privateKey } = await harness.createWebhook();
      const reply = await post(
        webhookRequest({ webhookId: webhook.id, body: compact, signature: signatureOf(privateKey) }),
      );
      await expectError(reply, 401, code);
      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(executions).toHaveLength(0);
      expect(await harness.direct.execution.count()).toBe(0);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        outcome: "rejected",
        httpStatus: 401,
        errorCode: code,
        verifiedWith: null,
        body: compact,
        bodyBytes: Buffer.byteLength(compact),
      });
    });

    it("answers 401 no_signing_key for a webhook without a key", async () => {
      const { webhook } = await harness.createWebhook({ withKey: false });
      const reply = await post(
        webhookRequest({ webhookId: webhook.id, body: compact, signature: sign("awk_guess", compact) }),
      );
      await expectError(reply, 401, "no_signing_key");
      expect((await rowsOf(webhook.id)).executions).toHaveLength(0);
    });

    it("keeps only a 2 KB preview of a large rejected body", async () => {
      const { app } = harness;
      const { webhook } = await harness.createWebhook();
      const body = JSON.stringify({ blob: "x".repeat(5000) });
      // This suite's limit is 2 KB, so a larger body reaches the signature check only with a higher one.
      const reply = await app.ingest.ingest({
        request: fromWebRequest(webhookRequest({ webhookId: webhook.id, body, signature: sign("awk_wrong", body) })),
        webhookId: webhook.id,
        store: await app.getIngestStore(),
        settings: { ...app.getIngestSettings(), maxBodyBytes: 10_000 },
      });
      expect(reply.status).toBe(401);
      const [delivery] = (await rowsOf(webhook.id)).deliveries;
      expect(delivery).toMatchObject({
        outcome: "rejected",
        bodyBytes: body.length,
        bodyTruncated: true,
        body: body.slice(0, 2048),
      });
    });

    it(`keeps at most REJECTED_DELIVERIES_KEPT (${REJECTED_DELIVERIES_KEPT}) rejected deliveries per webhook, the newest, and never touches accepted ones`, async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const other = await harness.createWebhook();
      for (let i = 0; i < 3; i++)
        expect(
          (await post(webhookRequest({ webhookId: webhook.id, body: JSON.stringify({ i }), privateKey }))).status,
        ).toBe(202);
      await post(webhookRequest({ webhookId: other.webhook.id, body: "{}", signature: sign("awk_wrong", "{}") }));

      const bad = (marker: string) =>
        post(
          webhookRequest({
            webhookId: webhook.id,
            body: JSON.stringify({ marker }),
            signature: sign("awk_wrong", marker),
          }),
        );
      expect((await bad("oldest")).status).toBe(401);
      // Ids are time-ordered to the millisecond: the oldest must be strictly older than the rest.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const total = REJECTED_DELIVERIES_KEPT + 20;
      for (let batch = 1; batch < total - 1; batch += 10) {
        const markers = Array.from({ length: Math.min(10, total - 1 - batch) }, (_, i) => `m${batch + i}`);
        const replies = await Promise.all(markers.map(bad));
        expect(replies.every((reply) => reply.status === 401)).toBe(true);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      await bad("newest");

      const { direct } = harness;
      expect(await direct.delivery.count({ where: { webhookId: webhook.id, outcome: "rejected" } })).toBe(
        REJECTED_DELIVERIES_KEPT,
      );
      expect(await direct.delivery.count({ where: { webhookId: webhook.id, outcome: "accepted" } })).toBe(3);
      expect(await direct.execution.count({ where: { webhookId: webhook.id } })).toBe(3);
      const bodies = (
        await direct.delivery.findMany({
          where: { webhookId: webhook.id, outcome: "rejected" },
          select: { body: true },
        })
      ).map((row) => row.body);
      expect(bodies).toContain(JSON.stringify({ marker: "newest" }));
      expect(bodies).not.toContain(JSON.stringify({ marker: "oldest" }));
      // Another webhook's log is its own.
      expect(await direct.delivery.count({ where: { webhookId: other.webhook.id } })).toBe(1);
    });
  });

  describe("403, 404, 405, 413, 415", () => {
    it("answers 404 webhook_not_found for unknown or impossible ids, storing nothing", async () => {
      const { privateKey } = await harness.createWebhook();
      for (const id of ["wh_00000000000000000000000000", "x".repeat(65), "a b", "../agents", "wh\u0000"]) {
        const request = webhookRequest({ webhookId: encodeURIComponent(id), body: compact, privateKey });
        await expectError(await post(request, id), 404, "webhook_not_found");
      }
      expect(await harness.direct.delivery.count()).toBe(0);
    });

    it("answers 404 when another instance deleted the webhook while this one still has it cached", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const send = () => post(webhookRequest({ webhookId: webhook.id, body: compact, privateKey }));
      expect((await send()).status).toBe(202); // now cached
      // Deleted behind this process's back: no cache invalidation happens here.
      await harness.direct.webhook.delete({ where: { id: webhook.id } });
      await expectError(await send(), 404, "webhook_not_found");
      expect(await harness.direct.delivery.count({ where: { webhookId: webhook.id } })).toBe(0);
    });

    it("answers 403 webhook_disabled once the builder disables it, and 202 again once enabled", async () => {
      const { app, direct } = harness;
      const { agent, webhook, privateKey } = await harness.createWebhook();
      const send = () => post(webhookRequest({ webhookId: webhook.id, body: compact, privateKey }));
      expect((await send()).status).toBe(202); // now cached as enabled

      await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: webhook.id,
        input: { enabled: false },
        baseUrl,
      });
      await expectError(await send(), 403, "webhook_disabled");
      const rejected = await direct.delivery.findMany({ where: { webhookId: webhook.id, outcome: "rejected" } });
      expect(rejected).toMatchObject([{ httpStatus: 403, errorCode: "webhook_disabled" }]);
      expect(await direct.execution.count({ where: { webhookId: webhook.id } })).toBe(1);

      await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: webhook.id,
        input: { enabled: true },
        baseUrl,
      });
      expect((await send()).status).toBe(202);
    });

    it("answers 413 for a streamed body over WEBHOOK_MAX_BODY_BYTES without a Content-Length", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const body = Buffer.from(JSON.stringify({ blob: "y".repeat(MAX_BODY_BYTES) }));
      const chunks = [body.subarray(0, 1000), body.subarray(1000, 2000), body.subarray(2000)];
      const request = new Request(`${baseUrl}/api/webhooks/${webhook.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": sign(privateKey, body) },
        body: streamOf(chunks),
        duplex: "half",
      } as RequestInit);
      expect(request.headers.get("content-length")).toBeNull();
      const reply = await post(request);
      await expectError(reply, 413, "payload_too_large");
      expect(reply.body.error?.message).toContain(String(MAX_BODY_BYTES));
      const { deliveries, executions } = await rowsOf(webhook.id);
      expect(executions).toHaveLength(0);
      expect(deliveries).toMatchObject([
        { outcome: "rejected", httpStatus: 413, errorCode: "payload_too_large", body: "" },
      ]);
      expect(deliveries[0].bodyBytes).toBeGreaterThan(MAX_BODY_BYTES);
    });

    it("answers 413 for a declared Content-Length over the limit", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const reply = await post(
        webhookRequest({
          webhookId: webhook.id,
          body: compact,
          privateKey,
          headers: { "content-length": String(MAX_BODY_BYTES + 1) },
        }),
      );
      await expectError(reply, 413, "payload_too_large");
      expect((await rowsOf(webhook.id)).deliveries).toMatchObject([{ bodyBytes: MAX_BODY_BYTES + 1 }]);
    });

    it("accepts a streamed body exactly at the limit", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const prefix = '{"blob":"';
      const body = Buffer.from(prefix + "z".repeat(MAX_BODY_BYTES - prefix.length - 2) + '"}');
      expect(body.byteLength).toBe(MAX_BODY_BYTES);
      const request = new Request(`${baseUrl}/api/webhooks/${webhook.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": sign(privateKey, body) },
        body: streamOf([body.subarray(0, 100), body.subarray(100)]),
        duplex: "half",
      } as RequestInit);
      const reply = await post(request);
      expect(reply.status).toBe(202);
      expect((await rowsOf(webhook.id)).deliveries[0].bodyBytes).toBe(MAX_BODY_BYTES);
    });

    it.each([
      ["text/plain", "text/plain"],
      ["a form", "application/x-www-form-urlencoded"],
      ["a lookalike", "application/jsonp"],
      ["no content type", null],
    ])("answers 415 unsupported_media_type for %s", async (_name, contentType) => {
      const { webhook, privateKey } = await harness.createWebhook();
      const request = webhookRequest({ webhookId: webhook.id, body: compact, privateKey, contentType });
      expect(request.headers.get("content-type")).toBe(contentType);
      await expectError(await post(request), 415, "unsupported_media_type");
      expect((await rowsOf(webhook.id)).executions).toHaveLength(0);
    });

    it.each(["GET", "PUT", "PATCH", "DELETE"] as const)("answers 405 for %s with Allow: POST", async (method) => {
      const response = harness.app.ingestRoute[method]();
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: expect.any(String) } });
    });
  });

  describe("key rotation", () => {
    async function rotate(fixture: Awaited<ReturnType<typeof harness.createWebhook>>, graceHours: number) {
      const { keyFile } = await harness.app.webhooks.rotateWebhookKey({
        db: harness.direct,
        agentId: fixture.agent.id,
        webhookId: fixture.webhook.id,
        input: { graceHours },
        baseUrl,
      });
      expect(keyFile.privateKey).not.toBe(fixture.privateKey);
      return keyFile.privateKey;
    }

    async function verifiedWith(webhookId: string, privateKey: string) {
      const body = JSON.stringify({ nonce: Math.random() });
      const reply = await post(webhookRequest({ webhookId, body, privateKey }));
      if (reply.status !== 202) return reply.body.error?.code;
      const delivery = await harness.direct.delivery.findUniqueOrThrow({
        where: { id: reply.body.deliveryId as string },
      });
      return delivery.verifiedWith;
    }

    it("accepts both keys during a 24 h grace period, telling them apart", async () => {
      const fixture = await harness.createWebhook();
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("current"); // cached before the rotation
      const newKey = await rotate(fixture, 24);
      expect(await verifiedWith(fixture.webhook.id, newKey)).toBe("current");
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("previous");

      const row = await harness.direct.webhook.findUniqueOrThrow({ where: { id: fixture.webhook.id } });
      const expectedExpiry = Date.now() + 24 * 3_600_000;
      expect(Math.abs(row.previousKeyExpiresAt!.getTime() - expectedExpiry)).toBeLessThan(60_000);
    });

    it("rejects the old key at once with graceHours 0", async () => {
      const fixture = await harness.createWebhook();
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("current");
      const newKey = await rotate(fixture, 0);
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("signature_mismatch");
      expect(await verifiedWith(fixture.webhook.id, newKey)).toBe("current");
    });

    it("rejects the previous key once its grace period has ended", async () => {
      const fixture = await harness.createWebhook();
      const newKey = await rotate(fixture, 24);
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("previous");
      await harness.direct.webhook.update({
        where: { id: fixture.webhook.id },
        data: { previousKeyExpiresAt: new Date(Date.now() - 1000) },
      });
      harness.app.cache.invalidateCachedWebhook(fixture.webhook.id);
      expect(await verifiedWith(fixture.webhook.id, fixture.privateKey)).toBe("signature_mismatch");
      expect(await verifiedWith(fixture.webhook.id, newKey)).toBe("current");
    });

    it("checks the grace period per request, even for a cached webhook", async () => {
      const fixture = await harness.createWebhook();
      const newKey = await rotate(fixture, 1);
      const { app } = harness;
      const loaded = await app.loadIngestWebhook({ store: await app.getIngestStore(), webhookId: fixture.webhook.id });
      const row = await harness.direct.webhook.findUniqueOrThrow({ where: { id: fixture.webhook.id } });
      const expiresAt = row.previousKeyExpiresAt!.getTime();
      expect(loaded!.verificationKeys(expiresAt - 1)).toEqual([
        { privateKey: newKey, label: "current" },
        { privateKey: fixture.privateKey, label: "previous" },
      ]);
      expect(loaded!.verificationKeys(expiresAt)).toEqual([{ privateKey: newKey, label: "current" }]);
      // The entry is now cached; the same answer comes from the cache.
      const cached = await app.loadIngestWebhook({ store: await app.getIngestStore(), webhookId: fixture.webhook.id });
      expect(cached!.verificationKeys(expiresAt + 1).map((key) => key.label)).toEqual(["current"]);
    });
  });
});
