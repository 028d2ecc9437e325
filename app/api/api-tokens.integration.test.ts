// API tokens from creation to revocation, on a fresh database per provider: a user makes a token
// for themselves (role no higher than their own), scripts call management routes with
// `Authorization: Bearer awt_…` (no CSRF check, no cookie fallback), last use is recorded at most
// once a minute, and expiry, revocation, a demoted or removed owner all take effect at once.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestUser, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { reply, withParams, type Reply } from "@/test/route-reply";
import { baseUrl, useWebhookApp, webhookRequest } from "@/test/webhook-app";

async function loadModules() {
  return {
    tokens: await import("@/app/api/tokens/route"),
    token: await import("@/app/api/tokens/[tokenId]/route"),
    agents: await import("@/app/api/agents/route"),
    settings: await import("@/app/api/agents/[agentId]/settings/route"),
    keyFile: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/key-file/route"),
    webhook: await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/route"),
    users: await import("@/app/api/users/route"),
    user: await import("@/app/api/users/[userId]/route"),
    me: await import("@/app/api/auth/me/route"),
    password: await import("@/app/api/auth/password/route"),
  };
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type Credentials = { cookie?: string; authorization?: string; origin?: string };

function call<P>(
  handler: Handler<P>,
  opts: Credentials & { method?: string; path: string; body?: unknown; params?: P },
): Promise<Reply> {
  const headers = new Headers();
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.authorization) headers.set("authorization", opts.authorization);
  if (opts.origin) headers.set("origin", opts.origin);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${baseUrl}${opts.path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return reply(handler(request, withParams((opts.params ?? {}) as P)));
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.each(providers)("API tokens on %s", (provider) => {
  const harness = useWebhookApp(provider, { role: "owner" });
  let m: Awaited<ReturnType<typeof loadModules>>;
  let builder: TestUser;
  beforeAll(async () => {
    m = await loadModules();
  });
  beforeEach(async () => {
    await harness.direct.user.deleteMany({ where: { id: { not: harness.user.id } } });
    await harness.direct.auditEvent.deleteMany();
    builder = await createTestUser({ db: harness.direct, role: "builder" });
  });

  const createToken = (caller: { cookie: string }, body: Record<string, unknown>) =>
    call(m.tokens.POST, { method: "POST", path: "/api/tokens", cookie: caller.cookie, body });
  async function tokenOf(caller: { cookie: string }, role: string, expiresInDays: number | null = 30) {
    const created = await createToken(caller, { name: `CI ${role}`, role, expiresInDays });
    expect(created.status).toBe(201);
    return created.body as { token: { id: string; prefix: string; role: string }; secret: string };
  }
  const listAgents = (credentials: Credentials) => call(m.agents.GET, { path: "/api/agents", ...credentials });

  it("creates a token shown once, stored only as a hash, listed without its value, and audited", async () => {
    const created = await createToken(builder, { name: " Deploy bot ", role: "builder", expiresInDays: 7 });
    expect(created.status).toBe(201);
    const { token, secret } = created.body;
    expect(secret).toMatch(/^awt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "Deploy bot", role: "builder", prefix: secret.slice(0, 12), status: "active" });
    expect(token.lastUsedAt).toBeNull();
    const expiresInMs = Date.parse(token.expiresAt) - Date.parse(token.createdAt);
    expect(expiresInMs).toBe(7 * 24 * 60 * 60 * 1000);

    const row = await harness.direct.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.userId).toBe(builder.id);
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));

    const listed = await call(m.tokens.GET, { path: "/api/tokens", cookie: builder.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toEqual([token]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // Another user's list does not show it.
    const others = await call(m.tokens.GET, { path: "/api/tokens", cookie: harness.user.cookie });
    expect(others.body.tokens).toEqual([]);

    const audit = await harness.direct.auditEvent.findMany({ where: { action: "token.created" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: builder.id, targetType: "token", targetId: token.id });
    expect(JSON.parse(audit[0].details)).toMatchObject({ name: "Deploy bot", role: "builder", prefix: token.prefix });
    expect(audit[0].details).not.toContain(secret.slice(12));
  });

  it("refuses bad input and a role above the creator's", async () => {
    const missingExpiry = await createToken(builder, { name: "CI", role: "viewer" });
    expect(missingExpiry.status).toBe(400);
    expect(missingExpiry.body.error).toMatchObject({ code: "invalid_input", field: "expiresInDays" });
    const noName = await createToken(builder, { name: "  ", role: "viewer", expiresInDays: null });
    expect(noName.body.error).toMatchObject({ code: "invalid_input", field: "name" });
    const tooLong = await createToken(builder, { name: "CI", role: "viewer", expiresInDays: 3651 });
    expect(tooLong.body.error).toMatchObject({ code: "invalid_input", field: "expiresInDays" });

    for (const role of ["admin", "owner"]) {
      const higher = await createToken(builder, { name: "CI", role, expiresInDays: null });
      expect(higher.status, role).toBe(403);
      expect(higher.body.error).toMatchObject({ code: "forbidden", field: "role" });
    }
    expect(await harness.direct.apiToken.count()).toBe(0);
    // The same role or a lower one is fine, and never expiring is a choice.
    expect(
      (await createToken(builder, { name: "CI", role: "builder", expiresInDays: null })).body.token.expiresAt,
    ).toBe(null);
    expect((await createToken(builder, { name: "CI", role: "viewer", expiresInDays: 1 })).status).toBe(201);
  });

  it("authenticates management routes by bearer token, without a CSRF check, acting as its owner", async () => {
    const { secret } = await tokenOf(builder, "builder");
    const listed = await listAgents(bearer(secret));
    expect(listed.status).toBe(200);
    expect(listed.body.agents).toEqual([]);

    const created = await call(m.agents.POST, {
      method: "POST",
      path: "/api/agents",
      body: { name: "From CI" },
      origin: "https://evil.example",
      ...bearer(secret),
    });
    expect(created.status).toBe(201);
    const audit = await harness.direct.auditEvent.findFirstOrThrow({ where: { action: "agent.created" } });
    expect(audit).toMatchObject({ actorId: builder.id, actorEmail: builder.email });

    const me = await call(m.me.GET, { path: "/api/auth/me", ...bearer(secret) });
    expect(me.body.user).toEqual({ id: builder.id, email: builder.email, name: builder.name, role: "builder" });
  });

  it("records the last use at most once a minute", async () => {
    const { token, secret } = await tokenOf(builder, "viewer");
    expect((await listAgents(bearer(secret))).status).toBe(200);
    const first = (await harness.direct.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    expect((await listAgents(bearer(secret))).status).toBe(200);
    const second = (await harness.direct.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(second?.getTime()).toBe(first?.getTime());

    const longAgo = new Date(Date.now() - 2 * 60 * 1000);
    await harness.direct.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: longAgo } });
    expect((await listAgents(bearer(secret))).status).toBe(200);
    const third = (await harness.direct.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(third!.getTime()).toBeGreaterThan(longAgo.getTime());
    const listed = await call(m.tokens.GET, { path: "/api/tokens", cookie: builder.cookie });
    expect(listed.body.tokens[0].lastUsedAt).toBe(third!.toISOString());
  });

  it("gives a token no more than its own role, and a viewer token no secret", async () => {
    const { agent, webhook, privateKey } = await harness.createWebhook();
    const { secret } = await tokenOf(builder, "viewer");
    const auth = bearer(secret);
    const webhookParams = { agentId: agent.id, webhookId: webhook.id };

    const write = await call(m.agents.POST, { method: "POST", path: "/api/agents", body: { name: "x" }, ...auth });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("forbidden");
    const keyFile = await call(m.keyFile.GET, {
      path: `/api/agents/${agent.id}/webhooks/${webhook.id}/key-file`,
      params: webhookParams,
      ...auth,
    });
    expect(keyFile.status).toBe(403);
    expect(keyFile.body.error.code).toBe("forbidden");
    const read = await call(m.webhook.GET, {
      path: `/api/agents/${agent.id}/webhooks/${webhook.id}`,
      params: webhookParams,
      ...auth,
    });
    expect(read.status).toBe(200);
    expect(read.body.webhook.hasKey).toBe(true);
    expect(JSON.stringify(read.body)).not.toContain(privateKey);

    const settingsAs = (credentials: Credentials) =>
      call(m.settings.GET, { path: `/api/agents/${agent.id}/settings`, params: { agentId: agent.id }, ...credentials });
    // A builder's session is shown the outbound signing secret; the viewer token is not.
    const asBuilder = await settingsAs({ cookie: builder.cookie });
    expect(asBuilder.body.settings.outboundSigningSecret).toEqual(expect.any(String));
    const asViewerToken = await settingsAs(auth);
    expect(asViewerToken.status).toBe(200);
    expect(asViewerToken.body.settings.outboundSigningSecret).toBeNull();
  });

  it("keeps token management and password changes to sessions", async () => {
    const { token, secret } = await tokenOf(builder, "builder");
    const attempts = [
      call(m.tokens.GET, { path: "/api/tokens", ...bearer(secret) }),
      call(m.tokens.POST, {
        method: "POST",
        path: "/api/tokens",
        body: { name: "More", role: "builder", expiresInDays: null },
        ...bearer(secret),
      }),
      call(m.token.DELETE, {
        method: "DELETE",
        path: `/api/tokens/${token.id}`,
        params: { tokenId: token.id },
        ...bearer(secret),
      }),
      call(m.password.POST, {
        method: "POST",
        path: "/api/auth/password",
        body: { currentPassword: "x", newPassword: "a new long password 1" },
        ...bearer(secret),
      }),
    ];
    for (const attempt of await Promise.all(attempts)) {
      expect(attempt.status).toBe(403);
      expect(attempt.body.error.code).toBe("session_required");
    }
    expect(await harness.direct.apiToken.count({ where: { revokedAt: null } })).toBe(1);
  });

  it("never falls back to the cookie when the bearer token is bad, and ignores other Authorization schemes", async () => {
    for (const authorization of ["Bearer", "Bearer not-a-token", `Bearer awt_${"A".repeat(43)}`]) {
      const response = await listAgents({ authorization, cookie: builder.cookie });
      expect(response.status, authorization).toBe(401);
      expect(response.body.error.code).toBe("invalid_token");
    }
    const basic = await listAgents({ authorization: "Basic dXNlcjpwYXNz", cookie: builder.cookie });
    expect(basic.status).toBe(200);
    // A session's request keeps its CSRF check even next to a proxy's Basic credentials.
    const crossSite = await call(m.agents.POST, {
      method: "POST",
      path: "/api/agents",
      body: { name: "x" },
      authorization: "Basic dXNlcjpwYXNz",
      cookie: builder.cookie,
      origin: "https://evil.example",
    });
    expect(crossSite.body.error.code).toBe("cross_site_request");
  });

  it("refuses an expired token with token_expired", async () => {
    const { token, secret } = await tokenOf(builder, "builder", 1);
    expect((await listAgents(bearer(secret))).status).toBe(200);
    await harness.direct.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await listAgents(bearer(secret));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("token_expired");
    const listed = await call(m.tokens.GET, { path: "/api/tokens", cookie: builder.cookie });
    expect(listed.body.tokens[0].status).toBe("expired");
  });

  it("revokes a token of one's own (audited once), refused from then on with token_revoked", async () => {
    const { token, secret } = await tokenOf(builder, "builder");
    const revoke = (cookie: string) =>
      call(m.token.DELETE, {
        method: "DELETE",
        path: `/api/tokens/${token.id}`,
        params: { tokenId: token.id },
        cookie,
      });

    const notMine = await revoke(harness.user.cookie);
    expect(notMine.status).toBe(404);
    expect((await listAgents(bearer(secret))).status).toBe(200);

    expect((await revoke(builder.cookie)).status).toBe(204);
    const refused = await listAgents(bearer(secret));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("token_revoked");
    expect((await revoke(builder.cookie)).status).toBe(204);

    const listed = await call(m.tokens.GET, { path: "/api/tokens", cookie: builder.cookie });
    expect(listed.body.tokens[0]).toMatchObject({ id: token.id, status: "revoked" });
    expect(listed.body.tokens[0].revokedAt).not.toBeNull();
    const audit = await harness.direct.auditEvent.findMany({ where: { action: "token.revoked" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: builder.id, targetId: token.id });
    const missing = await call(m.token.DELETE, {
      method: "DELETE",
      path: "/api/tokens/tok_missing",
      params: { tokenId: "tok_missing" },
      cookie: builder.cookie,
    });
    expect(missing.status).toBe(404);
  });

  it("acts with the lower of the token's role and its owner's current role", async () => {
    const admin = await createTestUser({ db: harness.direct, role: "admin" });
    const { secret } = await tokenOf(admin, "admin");
    const listUsers = () => call(m.users.GET, { path: "/api/users", ...bearer(secret) });
    expect((await listUsers()).status).toBe(200);

    await harness.direct.user.update({ where: { id: admin.id }, data: { role: "builder" } });
    const demoted = await listUsers();
    expect(demoted.status).toBe(403);
    expect(demoted.body.error.code).toBe("forbidden");
    const me = await call(m.me.GET, { path: "/api/auth/me", ...bearer(secret) });
    expect(me.body.user.role).toBe("builder");

    await harness.direct.user.update({ where: { id: admin.id }, data: { role: "owner" } });
    expect((await call(m.me.GET, { path: "/api/auth/me", ...bearer(secret) })).body.user.role).toBe("admin");
  });

  it("keeps an owner's admin token from managing owners", async () => {
    const { secret } = await tokenOf(harness.user, "admin");
    const otherOwner = await createTestUser({ db: harness.direct, role: "owner" });
    const demote = await call(m.user.PATCH, {
      method: "PATCH",
      path: `/api/users/${otherOwner.id}`,
      params: { userId: otherOwner.id },
      body: { role: "viewer" },
      ...bearer(secret),
    });
    expect(demote.status).toBe(403);
    expect(demote.body.error.code).toBe("forbidden");
    expect((await harness.direct.user.findUniqueOrThrow({ where: { id: otherOwner.id } })).role).toBe("owner");
    const makeOwner = await call(m.users.POST, {
      method: "POST",
      path: "/api/users",
      body: { email: "new-owner@example.com", role: "owner", password: "a long password 123" },
      ...bearer(secret),
    });
    expect(makeOwner.status).toBe(403);
  });

  it("stops working when its owner is removed (the token goes with them)", async () => {
    const { token, secret } = await tokenOf(builder, "builder");
    const removed = await call(m.user.DELETE, {
      method: "DELETE",
      path: `/api/users/${builder.id}`,
      params: { userId: builder.id },
      cookie: harness.user.cookie,
    });
    expect(removed.status).toBe(204);
    expect(await harness.direct.apiToken.findUnique({ where: { id: token.id } })).toBeNull();
    const refused = await listAgents(bearer(secret));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_token");
  });

  it("is ignored by the public webhook endpoint", async () => {
    const { webhook } = await harness.createWebhook();
    const { secret } = await tokenOf(builder, "builder");
    const unsigned = await harness.post(
      webhookRequest({ webhookId: webhook.id, body: '{"a":1}', headers: { authorization: `Bearer ${secret}` } }),
    );
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error?.code).toBe("missing_signature");
  });
});
