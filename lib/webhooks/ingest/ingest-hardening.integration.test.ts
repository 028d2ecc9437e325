// The public endpoint under hostile or heavy traffic, end to end on both providers: rate limits,
// IP allow-lists, hostile JSON, and the Standard Webhooks scheme (replay window, rotation,
// webhook-id idempotency).
import { afterEach, describe, expect, it, vi } from "vitest";

import { fromWebRequest } from "@/lib/webhooks/ingest/ingest-request";
import { providers } from "@/test/databases";
import { baseUrl, sign, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { buildSignatureHeaders } from "../signing/sign-request";
import { signStandardWebhook } from "../signing/standard-webhooks";

const MiB = 1024 * 1024;

describe.each(providers)("webhook endpoint hardening on %s", (provider) => {
  const harness = useWebhookApp(provider, {
    env: { WEBHOOK_RATE_LIMIT_PER_SECOND: "7", WEBHOOK_RATE_LIMIT_BURST: "500", WORKBENCH_TRUSTED_PROXY_HOPS: "1" },
  });
  const { post } = harness;

  afterEach(() => {
    vi.useRealTimers();
  });

  const count = async (webhookId: string, where: Record<string, unknown> = {}) => ({
    executions: await harness.direct.execution.count({ where: { webhookId } }),
    rejected: await harness.direct.delivery.count({ where: { webhookId, outcome: "rejected", ...where } }),
  });
  const signed = (webhookId: string, privateKey: string, headers: Record<string, string> = {}, body = '{"ok":true}') =>
    webhookRequest({ webhookId, body, privateKey, headers });

  it("reads its instance defaults from the environment", () => {
    expect(harness.app.getIngestSettings()).toEqual({
      maxBodyBytes: MiB,
      trustedProxyHops: 1,
      rateLimit: { perSecond: 7, burst: 500 },
      rejectedRateLimit: { perSecond: 7, burst: 500 },
    });
  });

  describe("rate limit", () => {
    it("answers 429 with Retry-After past the burst, without reading the body, and queues nothing for it", async () => {
      const { webhook, privateKey } = await harness.createWebhook({
        settings: { rateLimitPerSecond: 1, rateLimitBurst: 2 },
      });
      expect((await post(signed(webhook.id, privateKey))).status).toBe(202);
      expect((await post(signed(webhook.id, privateKey))).status).toBe(202);

      let bodyRead = false;
      const body = new TextEncoder().encode('{"ok":true}');
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            bodyRead = true;
            controller.enqueue(body);
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      const request = new Request(`${baseUrl}/api/webhooks/${webhook.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": sign(privateKey, body) },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const third = await post(request);
      expect(third.status).toBe(429);
      expect(third.body).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("Retry-After") } });
      expect(third.headers.get("retry-after")).toBe("1");
      expect(bodyRead).toBe(false);
      expect(await count(webhook.id)).toEqual({ executions: 2, rejected: 1 });
      const [logged] = await harness.direct.delivery.findMany({
        where: { webhookId: webhook.id, outcome: "rejected" },
      });
      expect(logged).toMatchObject({ httpStatus: 429, errorCode: "rate_limited", body: "", bodyBytes: 0 });

      // One token is back a second later.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await post(signed(webhook.id, privateKey))).status).toBe(202);
    });

    it("logs a flood of 429s as at most one rejected delivery per second", async () => {
      const { webhook, privateKey } = await harness.createWebhook({
        settings: { rateLimitPerSecond: 1, rateLimitBurst: 1 },
      });
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(signed(webhook.id, privateKey))).status);
      const elapsedSeconds = (Date.now() - started) / 1000;
      const accepted = statuses.filter((status) => status === 202).length;
      expect(statuses.filter((status) => status === 429).length).toBe(60 - accepted);
      expect(accepted).toBeLessThanOrEqual(1 + Math.ceil(elapsedSeconds));
      const { executions, rejected } = await count(webhook.id, { errorCode: "rate_limited" });
      expect(executions).toBe(accepted);
      expect(rejected).toBeGreaterThanOrEqual(1);
      expect(rejected).toBeLessThanOrEqual(1 + Math.ceil(elapsedSeconds));
    });

    it("applies the instance defaults to a webhook without its own limit, per webhook", async () => {
      const { app } = harness;
      const one = await harness.createWebhook();
      const two = await harness.createWebhook();
      const settings = { ...app.getIngestSettings(), rateLimit: { perSecond: 1, burst: 1 } };
      const send = async (fixture: typeof one) =>
        (
          await app.ingest.ingest({
            request: fromWebRequest(signed(fixture.webhook.id, fixture.privateKey)),
            webhookId: fixture.webhook.id,
            store: await app.getIngestStore(),
            settings,
          })
        ).status;
      expect([await send(one), await send(one), await send(two)]).toEqual([202, 429, 202]);
    });

    it("applies a changed limit at once", async () => {
      const { app, direct } = harness;
      const { agent, webhook, privateKey } = await harness.createWebhook({
        settings: { rateLimitPerSecond: 1, rateLimitBurst: 1 },
      });
      expect((await post(signed(webhook.id, privateKey))).status).toBe(202);
      expect((await post(signed(webhook.id, privateKey))).status).toBe(429);
      await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: webhook.id,
        input: { rateLimitPerSecond: 1000, rateLimitBurst: 1000 },
        baseUrl,
      });
      expect((await post(signed(webhook.id, privateKey))).status).toBe(202);
    });
  });

  describe("IP allow-list", () => {
    const allowList = ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32"];

    it.each<[string | null, number]>([
      ["203.0.113.9", 202],
      ["198.51.100.7", 202],
      ["198.51.100.8", 403],
      ["2001:db8::5", 202],
      ["[2001:db8::5]:443", 202],
      ["2001:db9::5", 403],
      ["::ffff:203.0.113.9", 202],
      // One trusted proxy: only the entry it appended counts, whatever the client wrote before it.
      ["203.0.113.9, 192.0.2.1", 403],
      ["192.0.2.1, 203.0.113.9", 202],
      [null, 403],
    ])("X-Forwarded-For %j -> %i", async (forwardedFor, status) => {
      const { webhook, privateKey } = await harness.createWebhook({ settings: { ipAllowList: allowList } });
      const reply = await post(
        signed(webhook.id, privateKey, forwardedFor === null ? {} : { "x-forwarded-for": forwardedFor }),
      );
      expect(reply.status).toBe(status);
      if (status === 403) {
        expect(reply.body.error?.code).toBe("ip_not_allowed");
        expect(await count(webhook.id)).toEqual({ executions: 0, rejected: 1 });
      }
    });

    it.each<[string, number]>([
      ["203.0.113.9, 10.0.0.2", 202],
      ["192.0.2.1, 203.0.113.9, 10.0.0.2", 202],
      ["203.0.113.9, 192.0.2.1, 10.0.0.2", 403],
      // A second proxy that is not there: nothing can be trusted.
      ["203.0.113.9", 403],
    ])("with WORKBENCH_TRUSTED_PROXY_HOPS=2, X-Forwarded-For %j -> %i", async (forwardedFor, status) => {
      const { app } = harness;
      const { webhook, privateKey } = await harness.createWebhook({ settings: { ipAllowList: allowList } });
      const request = signed(webhook.id, privateKey, { "x-forwarded-for": forwardedFor });
      const reply = await app.ingest.ingest({
        request: fromWebRequest(request),
        webhookId: webhook.id,
        store: await app.getIngestStore(),
        settings: { ...app.getIngestSettings(), trustedProxyHops: 2 },
      });
      expect(reply.status).toBe(status);
    });

    it("records who was refused (at most once a second), and refused senders use up no tokens", async () => {
      const { webhook, privateKey } = await harness.createWebhook({
        settings: { ipAllowList: ["203.0.113.0/24"], rateLimitPerSecond: 1, rateLimitBurst: 1 },
      });
      const started = Date.now();
      for (let i = 0; i < 20; i++)
        expect((await post(signed(webhook.id, privateKey, { "x-forwarded-for": "192.0.2.66" }))).status).toBe(403);
      const elapsedSeconds = (Date.now() - started) / 1000;
      expect((await post(signed(webhook.id, privateKey, { "x-forwarded-for": "203.0.113.1" }))).status).toBe(202);
      const rejected = await harness.direct.delivery.findMany({
        where: { webhookId: webhook.id, outcome: "rejected" },
      });
      expect(rejected.length).toBeGreaterThanOrEqual(1);
      expect(rejected.length).toBeLessThanOrEqual(1 + Math.ceil(elapsedSeconds));
      expect(rejected[0]).toMatchObject({ httpStatus: 403, errorCode: "ip_not_allowed", sourceIp: "192.0.2.66" });
    });

    it("applies an edited allow-list at once", async () => {
      const { app, direct } = harness;
      const { agent, webhook, privateKey } = await harness.createWebhook({
        settings: { ipAllowList: "203.0.113.0/24" },
      });
      const send = async () => (await post(signed(webhook.id, privateKey, { "x-forwarded-for": "192.0.2.66" }))).status;
      expect(await send()).toBe(403); // now cached
      await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: webhook.id,
        input: { ipAllowList: "192.0.2.0/24" },
        baseUrl,
      });
      expect(await send()).toBe(202);
      await app.webhooks.updateWebhook({
        db: direct,
        agentId: agent.id,
        webhookId: webhook.id,
        input: { ipAllowList: null },
        baseUrl,
      });
      expect((await post(signed(webhook.id, privateKey, { "x-forwarded-for": "198.51.100.1" }))).status).toBe(202);
    });
  });

  describe("hostile JSON", () => {
    it.each([
      '{"__proto__":{"polluted":true}}',
      '{"a":[{"constructor":{"prototype":{"polluted":true}}}]}',
      '{"\\u005f_proto__":{"polluted":true}}',
    ])(
      "answers 400 forbidden_json_key for a validly signed %s, polluting nothing and queuing nothing",
      async (body) => {
        const { webhook, privateKey } = await harness.createWebhook();
        const reply = await post(signed(webhook.id, privateKey, {}, body));
        expect(reply.status).toBe(400);
        expect(reply.body.error?.code).toBe("forbidden_json_key");
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(await count(webhook.id)).toEqual({ executions: 0, rejected: 1 });
      },
    );

    it("checks the signature first: an unsigned hostile body is a 401", async () => {
      const { webhook } = await harness.createWebhook();
      const reply = await post(
        webhookRequest({
          webhookId: webhook.id,
          body: '{"__proto__":{"polluted":true}}',
          signature: sign("awk_wrong", "{}"),
        }),
      );
      expect(reply.body.error?.code).toBe("signature_mismatch");
    });

    it("accepts 64 levels of nesting and answers 400 json_too_deep at 65", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      expect((await post(signed(webhook.id, privateKey, {}, "[".repeat(64) + "]".repeat(64)))).status).toBe(202);
      const deep = await post(signed(webhook.id, privateKey, {}, `{"a":${"[".repeat(64)}${"]".repeat(64)}}`));
      expect(deep.status).toBe(400);
      expect(deep.body.error?.code).toBe("json_too_deep");
    });

    it("answers a 1 MiB body of [[[[… with 400 signed and 401 unsigned, without falling over", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const body = "[".repeat(MiB);
      expect((await post(signed(webhook.id, privateKey, {}, body))).body.error?.code).toBe("json_too_deep");
      // Unsigned, the compact form is still tried (and refused by the depth check, not a stack overflow).
      expect(
        (await post(webhookRequest({ webhookId: webhook.id, body, signature: sign("awk_wrong", body) }))).body.error
          ?.code,
      ).toBe("signature_mismatch");
      const balanced = "[".repeat(MiB / 2) + "]".repeat(MiB / 2);
      expect(
        (await post(webhookRequest({ webhookId: webhook.id, body: balanced, signature: sign("awk_wrong", "x") })))
          .status,
      ).toBe(401);
      expect((await count(webhook.id)).executions).toBe(0);
    });

    it("accepts a huge flat array inside the size limit and refuses one over it with 413", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      const items = Math.floor((MiB - 2) / 2);
      const flat = `[${Array.from({ length: items }, () => "0").join(",")}]`;
      expect(flat.length).toBeLessThanOrEqual(MiB);
      expect((await post(signed(webhook.id, privateKey, {}, flat))).status).toBe(202);
      const over = `[${Array.from({ length: items + 2 }, () => "0").join(",")}]`;
      expect((await post(signed(webhook.id, privateKey, {}, over))).status).toBe(413);
      const stored = await harness.direct.delivery.findFirstOrThrow({
        where: { webhookId: webhook.id, outcome: "accepted" },
      });
      expect(stored.bodyBytes).toBe(flat.length);
    });
  });

  describe("Standard Webhooks", () => {
    const standard = () => harness.createWebhook({ settings: { signatureScheme: "standard-webhooks" } });
    const request = (
      webhookId: string,
      secret: string,
      opts: { body?: string; id?: string; now?: number; headers?: Record<string, string> } = {},
    ) => {
      const body = opts.body ?? '{"type":"invoice.paid"}';
      const headers = {
        ...buildSignatureHeaders({
          scheme: "standard-webhooks",
          privateKey: secret,
          body,
          messageId: opts.id,
          now: opts.now,
        }),
        ...opts.headers,
      };
      return webhookRequest({ webhookId, body, signature: null, headers });
    };

    it("accepts a signed request with a whsec_ key and uses webhook-id as its idempotency key", async () => {
      const { webhook, privateKey } = await standard();
      expect(privateKey).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const first = await post(request(webhook.id, privateKey, { id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" }));
      expect(first.status).toBe(202);
      const delivery = await harness.direct.delivery.findUniqueOrThrow({
        where: { id: first.body.deliveryId as string },
      });
      expect(delivery).toMatchObject({
        idempotencyKey: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        verifiedWith: "current",
        signedForm: "raw",
      });
      expect(JSON.parse(delivery.headers)["webhook-signature"]).toMatch(/^v1,/);
      expect(delivery.headers).not.toContain(
        signStandardWebhook({
          secret: privateKey,
          id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
          timestamp: Math.floor(delivery.receivedAt.getTime() / 1000),
          body: delivery.body,
        }),
      );

      // The sender's retry: same webhook-id, a new timestamp and signature.
      const retry = await post(
        request(webhook.id, privateKey, { id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", now: Date.now() + 2_000 }),
      );
      expect(retry).toMatchObject({
        status: 200,
        body: { deliveryId: first.body.deliveryId, executionId: first.body.executionId, duplicate: true },
      });
      expect((await count(webhook.id)).executions).toBe(1);
    });

    it.each([
      ["5 min 1 s old", -301_000],
      ["an hour old", -3_600_000],
      ["5 min 1 s ahead", 301_000],
    ])("refuses a replay signed %s with 401 timestamp_out_of_tolerance", async (_name, offsetMs) => {
      const { webhook, privateKey } = await standard();
      const reply = await post(request(webhook.id, privateKey, { now: Date.now() + offsetMs }));
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe("timestamp_out_of_tolerance");
      expect(await count(webhook.id)).toEqual({ executions: 0, rejected: 1 });
    });

    it.each<[string, Record<string, string | null>, string]>([
      ["without webhook-signature", { "webhook-signature": null }, "missing_signature"],
      ["without webhook-id", { "webhook-id": null }, "missing_webhook_id"],
      ["without webhook-timestamp", { "webhook-timestamp": null }, "missing_webhook_timestamp"],
      ["with a timestamp in milliseconds", { "webhook-timestamp": String(Date.now()) }, "invalid_webhook_timestamp"],
      ["with a hex signature", { "webhook-signature": `v1,${"ab".repeat(32)}` }, "malformed_signature"],
      [
        "signed by another secret",
        { "webhook-signature": "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=" },
        "signature_mismatch",
      ],
    ])("answers 401 for a request %s", async (_name, changes, code) => {
      const { webhook, privateKey } = await standard();
      const headers = new Headers(request(webhook.id, privateKey).headers);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) headers.delete(name);
        else headers.set(name, value);
      }
      const reply = await post(
        new Request(`${baseUrl}/api/webhooks/${webhook.id}`, {
          method: "POST",
          headers,
          body: '{"type":"invoice.paid"}',
        }),
      );
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe(code);
      expect((await count(webhook.id)).executions).toBe(0);
    });

    it("does not take an x-signature on a Standard Webhooks webhook", async () => {
      const { webhook, privateKey } = await standard();
      const reply = await post(signed(webhook.id, privateKey));
      expect(reply.body.error).toEqual({
        code: "missing_signature",
        message: expect.stringContaining("webhook-signature"),
      });
    });

    it("keeps the previous secret verifying during the grace period, and takes two signatures at once", async () => {
      const { app, direct } = harness;
      const fixture = await standard();
      const rotate = async (graceHours: number) =>
        (
          await app.webhooks.rotateWebhookKey({
            db: direct,
            agentId: fixture.agent.id,
            webhookId: fixture.webhook.id,
            input: { graceHours },
            baseUrl,
          })
        ).keyFile;
      const keyFile = await rotate(24);
      expect(keyFile).toMatchObject({
        scheme: "standard-webhooks",
        signatureHeader: "webhook-signature",
        privateKey: expect.stringMatching(/^whsec_/),
      });
      const verifiedWith = async (reply: Awaited<ReturnType<typeof post>>) =>
        reply.status === 202
          ? (await direct.delivery.findUniqueOrThrow({ where: { id: reply.body.deliveryId as string } })).verifiedWith
          : reply.body.error?.code;

      expect(await verifiedWith(await post(request(fixture.webhook.id, fixture.privateKey)))).toBe("previous");
      expect(await verifiedWith(await post(request(fixture.webhook.id, keyFile.privateKey)))).toBe("current");
      // What a sender does while rotating: one signature per secret, space-separated.
      const body = '{"type":"both"}';
      const id = "msg_both";
      const now = Math.floor(Date.now() / 1000);
      const both = [fixture.privateKey, keyFile.privateKey]
        .map((secret) => signStandardWebhook({ secret, id, timestamp: now, body }))
        .join(" ");
      const headers = { "webhook-id": id, "webhook-timestamp": String(now), "webhook-signature": both };
      expect(
        await verifiedWith(
          await post(webhookRequest({ webhookId: fixture.webhook.id, body, signature: null, headers })),
        ),
      ).toBe("current");

      const next = await rotate(0);
      expect(await verifiedWith(await post(request(fixture.webhook.id, keyFile.privateKey)))).toBe(
        "signature_mismatch",
      );
      expect(await verifiedWith(await post(request(fixture.webhook.id, next.privateKey)))).toBe("current");
    });

    it("accepts the reference libraries' test vector at its own time, and refuses it as a replay now", async () => {
      const { direct } = harness;
      const { webhook } = await standard();
      const { sealWebhookKey } = await import("../webhook-key-crypto");
      // Vector from github.com/standard-webhooks/standard-webhooks libraries/javascript/src/webhook.test.ts ("sign function works").
      await direct.webhook.update({
        where: { id: webhook.id },
        data: { keyCiphertext: sealWebhookKey(webhook.id, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") },
      });
      harness.app.cache.invalidateCachedWebhook(webhook.id);
      const vector = () =>
        webhookRequest({
          webhookId: webhook.id,
          body: '{"test": 2432232314}',
          signature: null,
          headers: {
            "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp": "1614265330",
            "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
          },
        });
      expect((await post(vector())).body.error?.code).toBe("timestamp_out_of_tolerance");
      vi.useFakeTimers({ toFake: ["Date"], now: 1614265330_000 + 4_000 });
      const reply = await post(vector());
      vi.useRealTimers();
      expect(reply.status).toBe(202);
    });

    it("answers 400 malformed_json for a validly signed body that is not UTF-8", async () => {
      const { webhook, privateKey } = await standard();
      const body = new Uint8Array([0x7b, 0xff, 0x7d]);
      const headers = buildSignatureHeaders({ scheme: "standard-webhooks", privateKey, body });
      const reply = await post(webhookRequest({ webhookId: webhook.id, body, signature: null, headers }));
      expect(reply.body.error?.code).toBe("malformed_json");
    });
  });
});
