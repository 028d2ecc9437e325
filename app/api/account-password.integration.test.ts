// POST /api/auth/password: a signed-in user (any role) changes their own password, on a fresh
// database per provider. Other sessions end, the caller's stays; wrong current passwords are
// throttled like failed sign-ins; audited without secrets.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestUser, withCookie, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    password: await import("@/app/api/auth/password/route"),
    login: await import("@/app/api/auth/login/route"),
    me: await import("@/app/api/auth/me/route"),
  };
}

const noParams = { params: Promise.resolve({}) };
const oldPassword = "correct horse battery staple";
const newPassword = "a brand new passphrase";

describe.each(providers)("changing one's own password on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let m: Awaited<ReturnType<typeof loadModules>>;
  let user: TestUser;
  let ip: string;
  let counter = 0;

  beforeAll(async () => {
    m = await loadModules();
  });
  beforeEach(async () => {
    // A fresh viewer (the lowest role) per test, signed in from its own address.
    counter += 1;
    ip = `203.0.113.${counter}`;
    user = await createTestUser({
      db: harness.direct,
      role: "viewer",
      email: `self-${counter}@example.com`,
      password: oldPassword,
    });
  });

  const change = (body: unknown, opts: { cookie?: string; origin?: string } = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": ip };
    if (opts.origin) headers.origin = opts.origin;
    const request = new Request(`${baseUrl}/api/auth/password`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    return m.password.POST(opts.cookie ? withCookie(request, opts.cookie) : request, noParams);
  };
  const login = (email: string, password: string) =>
    m.login.POST(
      new Request(`${baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify({ email, password }),
      }),
      noParams,
    );
  const meStatus = async (cookie: string) =>
    (await m.me.GET(withCookie(new Request(`${baseUrl}/api/auth/me`), cookie), noParams)).status;

  it("changes the password (204): the old one no longer signs in, the new one does; other sessions end, the caller's stays; audited", async () => {
    const other = (await login(user.email, oldPassword)).headers.get("set-cookie")!.split(";")[0];
    expect(await meStatus(other)).toBe(200);

    const response = await change(
      { currentPassword: oldPassword, newPassword },
      { cookie: user.cookie, origin: baseUrl },
    );
    expect(response.status).toBe(204);

    expect(await meStatus(user.cookie)).toBe(200);
    expect(await meStatus(other)).toBe(401);
    expect(await harness.direct.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: user.sessionId },
    ]);

    expect((await login(user.email, oldPassword)).status).toBe(401);
    expect((await login(user.email, newPassword)).status).toBe(200);

    const events = await harness.direct.auditEvent.findMany({
      where: { action: "user.password_changed", targetId: user.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, actorEmail: user.email, targetType: "user", ip });
    expect(JSON.stringify(events)).not.toMatch(/correct horse|brand new|scrypt/);
  });

  it("answers 400 invalid_credentials at currentPassword for a wrong current password, changes nothing, and counts a failed attempt", async () => {
    const before = await harness.direct.user.findUniqueOrThrow({ where: { id: user.id } });
    const response = await change({ currentPassword: "not the password", newPassword }, { cookie: user.cookie });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "invalid_credentials", field: "currentPassword" });
    expect((await harness.direct.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      before.passwordHash,
    );
    expect(await harness.direct.loginThrottle.findUnique({ where: { key: `account:${user.email}` } })).toMatchObject({
      failures: 1,
    });
    expect(
      await harness.direct.auditEvent.count({ where: { action: "user.password_changed", targetId: user.id } }),
    ).toBe(0);
  });

  it("locks the account after 5 wrong current passwords (then 429, for sign-in too)", async () => {
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await change({ currentPassword: `wrong ${attempt}`, newPassword }, { cookie: user.cookie })).status).toBe(
        400,
      );
    const locked = await change({ currentPassword: oldPassword, newPassword }, { cookie: user.cookie });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await login(user.email, oldPassword)).status).toBe(429);
  });

  it.each([
    ["too short", { currentPassword: oldPassword, newPassword: "short" }, "newPassword"],
    ["too long", { currentPassword: oldPassword, newPassword: "x".repeat(201) }, "newPassword"],
    ["missing", { currentPassword: oldPassword }, "newPassword"],
    ["with an unknown field", { currentPassword: oldPassword, newPassword, extra: 1 }, "body"],
  ])("answers 400 invalid_input for a new password %s, and keeps the old one", async (_name, body, field) => {
    const response = await change(body, { cookie: user.cookie });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "invalid_input", field });
    expect((await login(user.email, oldPassword)).status).toBe(200);
  });

  it("answers 401 unauthenticated without a session", async () => {
    const response = await change({ currentPassword: oldPassword, newPassword });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a cross-site request (403 cross_site_request) and keeps the password", async () => {
    const response = await change(
      { currentPassword: oldPassword, newPassword },
      { cookie: user.cookie, origin: "https://evil.example" },
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("cross_site_request");
    expect((await login(user.email, oldPassword)).status).toBe(200);
  });
});
