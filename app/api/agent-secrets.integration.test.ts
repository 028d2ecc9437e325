// Agent secrets through the API by role, on a fresh database per provider: everyone sees names,
// only builders write or delete, no answer ever holds a value, values are sealed at rest (bound to
// agent and name), and each change is audited by name in the same transaction.
import { beforeAll, describe, expect, it } from "vitest";

import { decryptSecret } from "@/lib/crypto/secret-box";
import { createTestUser, signedIn, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, TEST_MASTER_KEY, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    secrets: await import("@/app/api/agents/[agentId]/secrets/route"),
    secret: await import("@/app/api/agents/[agentId]/secrets/[name]/route"),
  };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;
type Reply = { status: number; body: Record<string, any>; text: string }; // eslint-disable-line @typescript-eslint/no-explicit-any

const withParams = <P>(params: P) => ({ params: Promise.resolve(params) });
const get = () => new Request(`${baseUrl}/`);
const send = (method: string, body?: unknown) =>
  new Request(`${baseUrl}/`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function reply(response: Promise<Response>): Promise<Reply> {
  const res = await response;
  const text = res.status === 204 ? "" : await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, text };
}

function as(modules: Modules, user: TestUser): Modules {
  return Object.fromEntries(
    Object.entries(modules).map(([name, module]) => [name, signedIn(module, () => user.cookie)]),
  ) as Modules;
}

const value = "crm_live_4b3a2f1e0d9c";

describe.each(providers)("agent secrets API on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let modules: Modules;
  let viewer: TestUser;
  beforeAll(async () => {
    modules = await loadModules();
    viewer = await createTestUser({ db: harness.direct, role: "viewer" });
  });
  const builder = () => as(modules, harness.user);
  const newAgent = () => harness.direct.agent.create({ data: { name: "CRM sync" } });

  it("creates, replaces and deletes as a builder, never answering with the value", async () => {
    const agent = await newAgent();
    const params = withParams({ agentId: agent.id, name: "CRM_TOKEN" });
    const created = await reply(builder().secret.PUT(send("PUT", { value }), params));
    expect(created.status).toBe(201);
    expect(created.body.secret).toEqual({
      name: "CRM_TOKEN",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      createdByEmail: harness.user.email,
    });
    const replaced = await reply(builder().secret.PUT(send("PUT", { value: `${value}-2` }), params));
    expect(replaced.status).toBe(200);
    for (const answer of [created, replaced]) expect(answer.text).not.toContain(value);

    const listed = await reply(builder().secrets.GET(get(), withParams({ agentId: agent.id })));
    expect(listed.body.secrets.map((secret: { name: string }) => secret.name)).toEqual(["CRM_TOKEN"]);
    expect(listed.text).not.toContain(value);

    expect((await reply(builder().secret.DELETE(send("DELETE"), params))).status).toBe(204);
    const again = await reply(builder().secret.DELETE(send("DELETE"), params));
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
    expect(await harness.direct.agentSecret.count()).toBe(0);

    const audit = await harness.direct.auditEvent.findMany({
      where: { targetId: agent.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => [event.action, JSON.parse(event.details), event.actorEmail])).toEqual([
      ["agent.secret_created", { name: "CRM_TOKEN" }, harness.user.email],
      ["agent.secret_replaced", { name: "CRM_TOKEN" }, harness.user.email],
      ["agent.secret_deleted", { name: "CRM_TOKEN" }, harness.user.email],
    ]);
    expect(JSON.stringify(audit)).not.toContain(value);
  });

  it("shows a viewer the names only and refuses their writes and deletes (403), changing nothing", async () => {
    const agent = await newAgent();
    await reply(builder().secret.PUT(send("PUT", { value }), withParams({ agentId: agent.id, name: "CRM_TOKEN" })));
    const asViewer = as(modules, viewer);
    const listed = await reply(asViewer.secrets.GET(get(), withParams({ agentId: agent.id })));
    expect(listed.status).toBe(200);
    expect(listed.body.secrets).toEqual([
      {
        name: "CRM_TOKEN",
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        createdByEmail: expect.any(String),
      },
    ]);
    expect(listed.text).not.toContain(value);
    const before = await harness.direct.agentSecret.findMany();
    for (const refused of [
      await reply(
        asViewer.secret.PUT(send("PUT", { value: "mine" }), withParams({ agentId: agent.id, name: "CRM_TOKEN" })),
      ),
      await reply(
        asViewer.secret.PUT(send("PUT", { value: "mine" }), withParams({ agentId: agent.id, name: "NEW_ONE" })),
      ),
      await reply(asViewer.secret.DELETE(send("DELETE"), withParams({ agentId: agent.id, name: "CRM_TOKEN" }))),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    expect(await harness.direct.agentSecret.findMany()).toEqual(before);
  });

  it("stores the value sealed, opening only with the master key, this agent and this name", async () => {
    const agent = await newAgent();
    await reply(builder().secret.PUT(send("PUT", { value }), withParams({ agentId: agent.id, name: "CRM_TOKEN" })));
    const rows = await harness.direct.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "AgentSecret"`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(value);
    const sealed = rows[0].valueCiphertext as string;
    const masterKey = Buffer.from(TEST_MASTER_KEY, "hex");
    expect(decryptSecret({ masterKey, sealed, associatedData: `agent-secret:${agent.id}:CRM_TOKEN` })).toBe(value);
    expect(() => decryptSecret({ masterKey, sealed, associatedData: `agent-secret:${agent.id}:OTHER` })).toThrow();
    expect(() => decryptSecret({ masterKey, sealed, associatedData: `agent-secret:agt_other:CRM_TOKEN` })).toThrow();
  });

  it.each([
    ["a lower-case name", "crm_token", { value }, "name"],
    ["a dashed name", "CRM-TOKEN", { value }, "name"],
    ["an empty value", "CRM_TOKEN", { value: "" }, "value"],
    ["a value with a trailing line break", "CRM_TOKEN", { value: `${value}\n` }, "value"],
    ["an unknown field", "CRM_TOKEN", { value, shared: true }, "body"],
  ])("refuses %s with 400 naming the field, storing nothing", async (_case, name, body, field) => {
    const agent = await newAgent();
    const refused = await reply(builder().secret.PUT(send("PUT", body), withParams({ agentId: agent.id, name })));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "invalid_input", field });
    expect(await harness.direct.agentSecret.count()).toBe(0);
    expect(await harness.direct.auditEvent.count({ where: { targetId: agent.id } })).toBe(0);
  });

  it("answers 404 for an unknown agent", async () => {
    const params = { agentId: "agt_missing", name: "CRM_TOKEN" };
    expect((await reply(builder().secrets.GET(get(), withParams(params)))).status).toBe(404);
    expect((await reply(builder().secret.PUT(send("PUT", { value }), withParams(params)))).status).toBe(404);
    expect(await harness.direct.agentSecret.count()).toBe(0);
  });
});
