// Keys and secrets by role, and the audit log, on a fresh database per provider: a viewer
// cannot see or download keys, a builder can; changes are recorded with their actor, never with a
// secret, and admins read them newest first.
import { beforeAll, describe, expect, it } from "vitest";

import { createTestUser, signedIn, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { reply, withParams } from "@/test/route-reply";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    webhooks: await import("@/app/api/agents/[agentId]/webhooks/route"),
    webhook: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/route"),
    key: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/key/route"),
    keyFile: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/key-file/route"),
    rotateKey: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/rotate-key/route"),
    settings: await import("@/app/api/agents/[agentId]/settings/route"),
    workflow: await import("@/app/api/workflows/[workflowId]/route"),
    user: await import("@/app/api/users/[userId]/route"),
    audit: await import("@/app/api/audit/route"),
  };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;
const get = (path = "/") => new Request(`${baseUrl}${path}`);
const send = (method: string, body: unknown) =>
  new Request(`${baseUrl}/`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Every route module of `modules`, sending `user`'s cookie. */
function as(modules: Modules, user: TestUser): Modules {
  return Object.fromEntries(
    Object.entries(modules).map(([name, module]) => [name, signedIn(module, () => user.cookie)]),
  ) as Modules;
}

describe.each(providers)("keys, secrets and the audit log on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let modules: Modules;
  let viewer: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    modules = await loadModules();
    viewer = await createTestUser({ db: harness.direct, role: "viewer", email: "viewer@example.com" });
    admin = await createTestUser({ db: harness.direct, role: "admin", email: "admin@example.com" });
  });
  const builder = () => as(modules, harness.user);

  /** A webhook created and keyed through the API by the harness's builder. */
  async function webhookViaApi() {
    const { agent, workflow } = await harness.createWebhook({ withKey: false });
    const created = await reply(
      builder().webhooks.POST(
        send("POST", { name: "OCR results", workflowId: workflow.id }),
        withParams({ agentId: agent.id }),
      ),
    );
    expect(created.status).toBe(201);
    const ids = { agentId: agent.id, webhookId: created.body.webhook.id as string };
    const key = await reply(builder().key.POST(send("POST", {}), withParams(ids)));
    expect(key.status).toBe(201);
    return { ...ids, workflowId: workflow.id, privateKey: key.body.keyFile.privateKey as string };
  }

  describe("what a viewer sees", () => {
    it("cannot generate, rotate or download a key (403), and sees the webhook without key material", async () => {
      const ids = await webhookViaApi();
      const asViewer = as(modules, viewer);
      for (const response of [
        await reply(asViewer.keyFile.GET(get(), withParams(ids))),
        await reply(asViewer.key.POST(send("POST", {}), withParams(ids))),
        await reply(asViewer.rotateKey.POST(send("POST", {}), withParams(ids))),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe("forbidden");
        expect(JSON.stringify(response.body)).not.toContain(ids.privateKey);
      }
      const read = await reply(asViewer.webhook.GET(get(), withParams(ids)));
      expect(read.status).toBe(200);
      expect(read.body.webhook).toMatchObject({ id: ids.webhookId, hasKey: true });
      expect(JSON.stringify(read.body)).not.toContain(ids.privateKey);
      const listed = await reply(asViewer.webhooks.GET(get(), withParams({ agentId: ids.agentId })));
      expect(JSON.stringify(listed.body)).not.toContain(ids.privateKey);
    });

    it("gets the agent's settings without the outbound signing secret (null, and none is created for a viewer)", async () => {
      const { agent } = await harness.createWebhook({ withKey: false });
      const asViewer = await reply(as(modules, viewer).settings.GET(get(), withParams({ agentId: agent.id })));
      expect(asViewer.status).toBe(200);
      expect(asViewer.body.settings).toEqual({
        llmBaseUrl: null,
        llmModel: null,
        llmApiKeyConfigured: false,
        outboundSigningSecret: null,
      });
      expect(
        (await harness.direct.agent.findUniqueOrThrow({ where: { id: agent.id } })).outboundSecretCiphertext,
      ).toBeNull();

      const asBuilder = await reply(builder().settings.GET(get(), withParams({ agentId: agent.id })));
      const secret = asBuilder.body.settings.outboundSigningSecret as string;
      expect(secret).toMatch(/^aos_/);
      expect(
        (await reply(as(modules, viewer).settings.GET(get(), withParams({ agentId: agent.id })))).body.settings
          .outboundSigningSecret,
      ).toBeNull();
    });

    it("lets a builder download the key file", async () => {
      const ids = await webhookViaApi();
      const response = await builder().keyFile.GET(get(), withParams(ids));
      expect(response.status).toBe(200);
      expect((await response.json()).privateKey).toBe(ids.privateKey);
    });
  });

  describe("the audit log", () => {
    it("records webhook, key, workflow, settings and user changes with their actor, and never a secret", async () => {
      await harness.direct.auditEvent.deleteMany();
      const ids = await webhookViaApi();
      const downloaded = await builder().keyFile.GET(get(), withParams(ids));
      expect(downloaded.status).toBe(200);
      const rotated = await reply(builder().rotateKey.POST(send("POST", { graceHours: 1 }), withParams(ids)));
      const rotatedKey = rotated.body.keyFile.privateKey as string;
      expect((await reply(builder().webhook.PATCH(send("PATCH", { enabled: false }), withParams(ids)))).status).toBe(
        200,
      );
      expect((await reply(builder().webhook.PATCH(send("PATCH", { name: "OCR v2" }), withParams(ids)))).status).toBe(
        200,
      );
      const definition = { steps: [{ id: "a", type: "transform", config: { expression: "1" } }] };
      expect(
        (
          await reply(
            builder().workflow.PATCH(send("PATCH", { definition }), withParams({ workflowId: ids.workflowId })),
          )
        ).status,
      ).toBe(200);
      const llmApiKey = "sk-audit-secret-0123456789";
      expect(
        (
          await reply(
            builder().settings.PATCH(send("PATCH", { llmApiKey, llmModel: "m" }), withParams({ agentId: ids.agentId })),
          )
        ).status,
      ).toBe(200);
      const target = await createTestUser({ db: harness.direct, role: "viewer" });
      const newPassword = "the-new-password-42";
      expect(
        (
          await reply(
            as(modules, admin).user.PATCH(
              send("PATCH", { role: "builder", password: newPassword }),
              withParams({ userId: target.id }),
            ),
          )
        ).status,
      ).toBe(200);

      const rows = await harness.direct.auditEvent.findMany({ orderBy: { id: "asc" } });
      const summary = rows.map((row) => ({
        action: row.action,
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        targetId: row.targetId,
        details: JSON.parse(row.details),
      }));
      const builderActor = { actorId: harness.user.id, actorEmail: harness.user.email };
      expect(summary).toEqual([
        {
          action: "webhook.created",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR results", workflowId: ids.workflowId },
        },
        {
          action: "webhook.key_generated",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR results" },
        },
        {
          action: "webhook.key_downloaded",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR results" },
        },
        {
          action: "webhook.key_rotated",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR results", previousKeyExpiresAt: expect.any(String) },
        },
        {
          action: "webhook.disabled",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR results" },
        },
        {
          action: "webhook.updated",
          ...builderActor,
          targetId: ids.webhookId,
          details: { agentId: ids.agentId, name: "OCR v2", fields: ["name"] },
        },
        {
          action: "workflow.updated",
          ...builderActor,
          targetId: ids.workflowId,
          details: { agentId: ids.agentId, name: "Flow", version: 2, fields: ["definition"] },
        },
        {
          action: "agent.settings_changed",
          ...builderActor,
          targetId: ids.agentId,
          details: { fields: ["llmApiKey", "llmModel"] },
        },
        expect.anything(),
        expect.anything(),
      ]);
      // One request, two events: written within the same millisecond they may sort either way.
      expect(summary.slice(-2)).toEqual(
        expect.arrayContaining([
          {
            action: "user.role_changed",
            actorId: admin.id,
            actorEmail: "admin@example.com",
            targetId: target.id,
            details: { email: target.email, from: "viewer", to: "builder" },
          },
          {
            action: "user.password_changed",
            actorId: admin.id,
            actorEmail: "admin@example.com",
            targetId: target.id,
            details: { email: target.email },
          },
        ]),
      );

      const everything = JSON.stringify(rows);
      for (const secret of [ids.privateKey, rotatedKey, llmApiKey, newPassword])
        expect(everything).not.toContain(secret);
      expect(everything).not.toMatch(/awk_|scrypt\$/);
    });

    it("shows admins the events newest first, in pages; builders may not read it (403)", async () => {
      await harness.direct.auditEvent.deleteMany();
      const ids = await webhookViaApi();
      await builder().keyFile.GET(get(), withParams(ids));

      const asAdmin = as(modules, admin);
      const first = await reply(asAdmin.audit.GET(get("/api/audit?limit=2"), withParams({})));
      expect(first.status).toBe(200);
      expect(first.body.events.map((event: { action: string }) => event.action)).toEqual([
        "webhook.key_downloaded",
        "webhook.key_generated",
      ]);
      expect(first.body.events[0]).toEqual({
        id: expect.stringMatching(/^aud_/),
        actorId: harness.user.id,
        actorEmail: harness.user.email,
        action: "webhook.key_downloaded",
        targetType: "webhook",
        targetId: ids.webhookId,
        details: { agentId: ids.agentId, name: "OCR results" },
        ip: null,
        createdAt: expect.any(String),
      });
      const second = await reply(
        asAdmin.audit.GET(get(`/api/audit?limit=2&cursor=${first.body.nextCursor}`), withParams({})),
      );
      expect(second.body).toEqual({
        events: [expect.objectContaining({ action: "webhook.created" })],
        nextCursor: null,
      });

      expect((await reply(asAdmin.audit.GET(get("/api/audit?limit=0"), withParams({})))).status).toBe(400);
      expect((await reply(builder().audit.GET(get("/api/audit"), withParams({})))).status).toBe(403);
    });
  });
});
