// A webhook's endpoint settings through the management routes, on both providers: signature
// scheme (and switching it), rate limit and IP allow-list, their validation, and the key file
// and Test Event of a Standard Webhooks webhook.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useIngestServer } from "@/test/ingest-server";
import { baseUrl, sign, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { buildSignatureHeaders } from "./signing/sign-request";

const params = <P extends Record<string, string>>(values: P) => ({ params: Promise.resolve(values) });
const jsonRequest = (method: string, body: unknown) =>
  new Request(`${baseUrl}/api/anything`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const json = async (response: Response) => ({ status: response.status, body: await response.json() });

describe.each(providers)("webhook endpoint settings on %s", (provider) => {
  const harness = useWebhookApp(provider);

  async function agentWithWorkflow() {
    const { app, direct: db } = harness;
    const agent = await app.agents.createAgent({ db, input: { name: "Agent" } });
    const workflow = await app.workflows.createWorkflow({ db, agentId: agent.id, input: { name: "Flow" } });
    return { agentId: agent.id, workflowId: workflow.id };
  }
  const create = async (agentId: string, body: unknown) =>
    json(await harness.app.webhooksRoute.POST(jsonRequest("POST", body), params({ agentId })));
  const patch = async (agentId: string, webhookId: string, body: unknown) =>
    json(await harness.app.webhookRoute.PATCH(jsonRequest("PATCH", body), params({ agentId, webhookId })));
  const generateKey = async (agentId: string, webhookId: string) =>
    json(await harness.app.keyRoute.POST(jsonRequest("POST", {}), params({ agentId, webhookId })));
  const rotate = async (agentId: string, webhookId: string, body: unknown) =>
    json(await harness.app.rotateKeyRoute.POST(jsonRequest("POST", body), params({ agentId, webhookId })));

  it("creates a webhook with x-signature, the instance's rate limit and no allow-list by default", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const created = await create(agentId, { name: "OCR", workflowId });
    expect(created.status).toBe(201);
    expect(created.body.webhook).toMatchObject({
      signatureScheme: "x-signature",
      replayProtection: true,
      rateLimitPerSecond: null,
      rateLimitBurst: null,
      ipAllowList: null,
    });
  });

  it("creates a Standard Webhooks webhook with its own limit and allow-list, whose key and key file follow the scheme", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const created = await create(agentId, {
      name: "Payments",
      workflowId,
      signatureScheme: "standard-webhooks",
      rateLimitPerSecond: 5,
      rateLimitBurst: 10,
      ipAllowList: "203.0.113.7\n10.0.0.0/8, 2001:DB8::/32",
    });
    expect(created.status).toBe(201);
    const { webhook } = created.body;
    expect(webhook).toMatchObject({
      signatureScheme: "standard-webhooks",
      rateLimitPerSecond: 5,
      rateLimitBurst: 10,
      ipAllowList: ["203.0.113.7", "10.0.0.0/8", "2001:db8::/32"],
    });
    expect(await harness.direct.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({
      ipAllowList: "203.0.113.7,10.0.0.0/8,2001:db8::/32",
    });

    const key = await generateKey(agentId, webhook.id);
    expect(key.status).toBe(201);
    expect(key.body.keyFile).toMatchObject({
      privateKey: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      scheme: "standard-webhooks",
      algorithm: "HMAC-SHA256",
      signatureHeader: "webhook-signature",
      signatureEncoding: "base64",
    });
    const file = await json(
      await harness.app.keyFileRoute.GET(new Request(`${baseUrl}/x`), params({ agentId, webhookId: webhook.id })),
    );
    expect(file.body).toMatchObject({
      privateKey: key.body.keyFile.privateKey,
      scheme: "standard-webhooks",
      signatureHeader: "webhook-signature",
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown scheme", { signatureScheme: "hmac" }, "signatureScheme"],
    ["replay protection as text", { replayProtection: "on" }, "replayProtection"],
    ["replay protection as null", { replayProtection: null }, "replayProtection"],
    ["a rate of 0", { rateLimitPerSecond: 0 }, "rateLimitPerSecond"],
    ["a rate over 10000", { rateLimitPerSecond: 10_001 }, "rateLimitPerSecond"],
    ["a fractional rate", { rateLimitPerSecond: 1.5 }, "rateLimitPerSecond"],
    ["a rate as text", { rateLimitPerSecond: "5" }, "rateLimitPerSecond"],
    ["a burst of 0", { rateLimitBurst: 0 }, "rateLimitBurst"],
    ["a burst over 100000", { rateLimitBurst: 100_001 }, "rateLimitBurst"],
    ["a hostname in the allow-list", { ipAllowList: ["10.0.0.1", "example.com"] }, "ipAllowList"],
    ["a bad CIDR", { ipAllowList: "10.0.0.0/33" }, "ipAllowList"],
    ["51 allow-list entries", { ipAllowList: Array.from({ length: 51 }, (_, i) => `10.0.${i}.1`) }, "ipAllowList"],
    ["an allow-list that is a number", { ipAllowList: 42 }, "ipAllowList"],
  ])("answers 400 naming the field for %s, on create and on edit", async (_name, fields, field) => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const created = await create(agentId, { name: "x", workflowId, ...fields });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: "invalid_input", field });
    const webhook = (await create(agentId, { name: "x", workflowId })).body.webhook;
    const edited = await patch(agentId, webhook.id, fields);
    expect(edited.status).toBe(400);
    expect(edited.body.error).toMatchObject({ code: "invalid_input", field });
  });

  it("creates a webhook without replay protection on request, and turns it on and off by editing", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const created = await create(agentId, { name: "x", workflowId, replayProtection: false });
    expect(created.body.webhook).toMatchObject({ replayProtection: false });
    const on = await patch(agentId, created.body.webhook.id, { replayProtection: true });
    expect(on.body.webhook).toMatchObject({ replayProtection: true });
    const off = await patch(agentId, created.body.webhook.id, { replayProtection: false });
    expect(off.body.webhook).toMatchObject({ replayProtection: false });
  });

  it("edits the rate limit and allow-list, and clears them with null (an empty list too)", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const webhook = (await create(agentId, { name: "x", workflowId })).body.webhook;
    const edited = await patch(agentId, webhook.id, {
      rateLimitPerSecond: 20,
      rateLimitBurst: 40,
      ipAllowList: ["::ffff:192.0.2.1", "192.0.2.1"],
    });
    expect(edited.body.webhook).toMatchObject({
      name: "x",
      rateLimitPerSecond: 20,
      rateLimitBurst: 40,
      ipAllowList: ["192.0.2.1"],
    });
    const cleared = await patch(agentId, webhook.id, {
      rateLimitPerSecond: null,
      rateLimitBurst: null,
      ipAllowList: [],
    });
    expect(cleared.body.webhook).toMatchObject({ rateLimitPerSecond: null, rateLimitBurst: null, ipAllowList: null });
  });

  it("switches the scheme of a webhook without a key by editing it; with a key, only by rotating (409 otherwise)", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const webhook = (await create(agentId, { name: "x", workflowId })).body.webhook;
    expect(
      (await patch(agentId, webhook.id, { signatureScheme: "standard-webhooks" })).body.webhook.signatureScheme,
    ).toBe("standard-webhooks");
    expect((await patch(agentId, webhook.id, { signatureScheme: "x-signature" })).body.webhook.signatureScheme).toBe(
      "x-signature",
    );

    const oldKey = (await generateKey(agentId, webhook.id)).body.keyFile.privateKey as string;
    const refused = await patch(agentId, webhook.id, { signatureScheme: "standard-webhooks", name: "renamed" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "scheme_change_requires_new_key", field: "signatureScheme" });
    expect(await harness.direct.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({
      signatureScheme: "x-signature",
      name: "x",
    });
    // Naming the current scheme is no change.
    expect((await patch(agentId, webhook.id, { signatureScheme: "x-signature", name: "same" })).status).toBe(200);

    const rotated = await rotate(agentId, webhook.id, { graceHours: 24, signatureScheme: "standard-webhooks" });
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhook).toMatchObject({ signatureScheme: "standard-webhooks", previousKeyExpiresAt: null });
    expect(rotated.body.keyFile).toMatchObject({
      scheme: "standard-webhooks",
      privateKey: expect.stringMatching(/^whsec_/),
    });

    const body = '{"switched":true}';
    const oldWay = await harness.post(webhookRequest({ webhookId: webhook.id, body, signature: sign(oldKey, body) }));
    expect(oldWay.body.error?.code).toBe("missing_signature");
    const headers = buildSignatureHeaders({
      scheme: "standard-webhooks",
      privateKey: rotated.body.keyFile.privateKey,
      body,
    });
    expect((await harness.post(webhookRequest({ webhookId: webhook.id, body, signature: null, headers }))).status).toBe(
      202,
    );
  });

  it("refuses an unknown scheme in a rotation", async () => {
    const { agentId, workflowId } = await agentWithWorkflow();
    const webhook = (await create(agentId, { name: "x", workflowId })).body.webhook;
    await generateKey(agentId, webhook.id);
    expect((await rotate(agentId, webhook.id, { signatureScheme: "hmac" })).body.error).toMatchObject({
      code: "invalid_input",
      field: "signatureScheme",
    });
  });

  describe("Send Test Event", () => {
    const ingestServer = useIngestServer(() => harness.app);

    it("signs the sample event the Standard Webhooks way for such a webhook", async () => {
      const { agentId, workflowId } = await agentWithWorkflow();
      const webhook = (await create(agentId, { name: "x", workflowId, signatureScheme: "standard-webhooks" })).body
        .webhook;
      await generateKey(agentId, webhook.id);
      const result = await harness.app.webhooks.sendTestEvent({
        db: harness.direct,
        agentId,
        webhookId: webhook.id,
        baseUrl: ingestServer.origin,
      });
      expect(result).toMatchObject({ delivered: true, httpStatus: 202 });
      const delivery = await harness.direct.delivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
      expect(delivery.idempotencyKey).toMatch(/^msg_/);
      expect(JSON.parse(delivery.headers)).toMatchObject({
        "webhook-id": delivery.idempotencyKey,
        "webhook-timestamp": expect.stringMatching(/^\d+$/),
      });
    });
  });
});
