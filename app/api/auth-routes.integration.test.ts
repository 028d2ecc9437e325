// Sign-in, sign-out and the session as a browser sees them, on a fresh database per provider:
// cookies, rotation, expiry, sliding renewal, throttling per account and per IP, and audit events.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestUser, withCookie, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    login: await import("@/app/api/auth/login/route"),
    logout: await import("@/app/api/auth/logout/route"),
    me: await import("@/app/api/auth/me/route"),
    agents: await import("@/app/api/agents/route"),
    throttle: await import("@/lib/auth/login-throttle"),
  };
}

const noParams = { params: Promise.resolve({}) };
const password = "correct horse battery staple";

/** The `aw_session=<token>` pair a Set-Cookie header sets (empty token when it clears it). */
function cookieFrom(response: Response): string {
  const header = response.headers.get("set-cookie");
  if (!header) throw new Error("no Set-Cookie in the response");
  return header.split(";")[0];
}

describe.each(providers)("sign-in and sessions on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let m: Awaited<ReturnType<typeof loadModules>>;
  let ada: TestUser;
  let ip: string;
  let ipCounter = 0;

  beforeAll(async () => {
    m = await loadModules();
    ada = await createTestUser({
      db: harness.direct,
      role: "builder",
      email: "ada@example.com",
      name: "Ada",
      password,
    });
  });
  beforeEach(() => {
    // Each test signs in from its own address, so per-IP counts never carry over between tests.
    ipCounter += 1;
    ip = `203.0.113.${ipCounter}`;
  });

  const login = (body: unknown, opts: { cookie?: string; ip?: string } = {}) => {
    const request = new Request(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": opts.ip ?? ip, "user-agent": "vitest" },
      body: JSON.stringify(body),
    });
    return m.login.POST(opts.cookie ? withCookie(request, opts.cookie) : request, noParams);
  };
  const me = (cookie?: string) => {
    const request = new Request(`${baseUrl}/api/auth/me`);
    return m.me.GET(cookie ? withCookie(request, cookie) : request, noParams);
  };
  const logout = (cookie?: string) => {
    const request = new Request(`${baseUrl}/api/auth/logout`, { method: "POST" });
    return m.logout.POST(cookie ? withCookie(request, cookie) : request, noParams);
  };
  const auditOf = (action: string) => harness.direct.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

  it("signs in (200) with a new HttpOnly, SameSite=Lax, Secure-on-localhost session cookie; /api/auth/me knows the user", async () => {
    const response = await login({ email: "ada@example.com", password });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { id: ada.id, email: "ada@example.com", name: "Ada", role: "builder" },
    });
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(
      /^aw_session=[\w-]{43}; Path=\/; Max-Age=(1209600|12095\d\d); HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");

    const cookie = cookieFrom(response);
    const session = await harness.direct.session.findFirstOrThrow({
      where: { userId: ada.id },
      orderBy: { createdAt: "desc" },
    });
    // Only a hash of the token is stored.
    expect(session.tokenHash).not.toContain(cookie.split("=")[1]);
    expect(session).toMatchObject({ ip, userAgent: "vitest" });

    const current = await me(cookie);
    expect(current.status).toBe(200);
    expect(await current.json()).toEqual({
      user: { id: ada.id, email: "ada@example.com", name: "Ada", role: "builder" },
    });
    expect((await auditOf("auth.sign_in")).at(-1)).toMatchObject({
      actorId: ada.id,
      actorEmail: "ada@example.com",
      targetType: "session",
      ip,
    });
  });

  it("treats the email case-insensitively", async () => {
    expect((await login({ email: "  ADA@Example.COM ", password })).status).toBe(200);
  });

  it("answers a wrong password and an unknown email alike: 401 invalid_credentials, audited with the email tried", async () => {
    const wrong = await login({ email: "ada@example.com", password: "not the password" });
    const unknown = await login({ email: "nobody@example.com", password });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    const [wrongBody, unknownBody] = [await wrong.json(), await unknown.json()];
    expect(wrongBody).toEqual({
      error: { code: "invalid_credentials", message: "The email or password is not right" },
    });
    expect(unknownBody).toEqual(wrongBody);

    const failures = (await auditOf("auth.sign_in_failed")).slice(-2);
    expect(failures.map((event) => [event.actorId, event.actorEmail, event.ip])).toEqual([
      [null, "ada@example.com", ip],
      [null, "nobody@example.com", ip],
    ]);
    expect(JSON.stringify(failures)).not.toMatch(/not the password|correct horse/);
  });

  it.each([
    ["no body", undefined],
    ["no password", { email: "ada@example.com" }],
    ["an unknown field", { email: "ada@example.com", password, remember: true }],
  ])("answers 400 for %s", async (_name, body) => {
    expect((await login(body)).status).toBe(400);
  });

  it("answers 401 unauthenticated on /api/auth/me without a session", async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("signs out (204): the session is deleted on the server and the old cookie no longer works", async () => {
    const cookie = cookieFrom(await login({ email: "ada@example.com", password }));
    expect((await m.agents.GET(withCookie(new Request(`${baseUrl}/api/agents`), cookie), noParams)).status).toBe(200);
    const sessionsBefore = await harness.direct.session.count({ where: { userId: ada.id } });

    const response = await logout(cookie);
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^aw_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/);
    expect(await harness.direct.session.count({ where: { userId: ada.id } })).toBe(sessionsBefore - 1);
    expect((await auditOf("auth.sign_out")).at(-1)).toMatchObject({ actorId: ada.id });

    // The browser may still send the old cookie (or an attacker may have copied it): it is dead.
    const after = await m.agents.GET(withCookie(new Request(`${baseUrl}/api/agents`), cookie), noParams);
    expect(after.status).toBe(401);
    expect(after.headers.get("set-cookie")).toMatch(/^aw_session=; /);
    expect((await me(cookie)).status).toBe(401);
  });

  it("signs out without a session too (204, cookie cleared)", async () => {
    const response = await logout();
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^aw_session=;/);
  });

  it("rotates the session at sign-in: the cookie the browser had before is dead afterwards", async () => {
    const before = cookieFrom(await login({ email: "ada@example.com", password }));
    expect((await me(before)).status).toBe(200);
    const after = cookieFrom(await login({ email: "ada@example.com", password }, { cookie: before }));
    expect(after).not.toBe(before);
    expect((await me(before)).status).toBe(401);
    expect((await me(after)).status).toBe(200);
  });

  it("ends another user's session planted in the browser when someone signs in there", async () => {
    const other = await createTestUser({ db: harness.direct, role: "viewer" });
    expect((await me(other.cookie)).status).toBe(200);
    await login({ email: "ada@example.com", password }, { cookie: other.cookie });
    expect((await me(other.cookie)).status).toBe(401);
    expect(await harness.direct.session.findUnique({ where: { id: other.sessionId } })).toBeNull();
  });

  it("answers 401 for an expired session", async () => {
    const user = await createTestUser({ db: harness.direct, role: "viewer" });
    await harness.direct.session.update({
      where: { id: user.sessionId },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const response = await me(user.cookie);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("slides the expiry forward (and renews the cookie) when a session is used an hour or more after its last renewal", async () => {
    const user = await createTestUser({ db: harness.direct, role: "viewer" });
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await harness.direct.session.update({
      where: { id: user.sessionId },
      data: { lastSeenAt: twoHoursAgo, expiresAt: new Date(Date.now() + 3_600_000) },
    });

    const response = await me(user.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(
      new RegExp(`^${user.cookie}; Path=/; Max-Age=(1209600|12095\\d\\d); HttpOnly`),
    );
    const session = await harness.direct.session.findUniqueOrThrow({ where: { id: user.sessionId } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3_600_000);
    expect(session.lastSeenAt.getTime()).toBeGreaterThan(twoHoursAgo.getTime());

    // Used again at once: nothing to renew.
    expect((await me(user.cookie)).headers.get("set-cookie")).toBeNull();
  });

  describe("throttling", () => {
    it("locks an account after 5 failures in 15 minutes (429 + Retry-After), even for the right password", async () => {
      const user = await createTestUser({ db: harness.direct, role: "viewer", email: "locked@example.com", password });
      for (let attempt = 1; attempt <= 5; attempt++) {
        // Each attempt from another address: the account limit holds however the IP changes.
        expect(
          (await login({ email: user.email, password: `wrong ${attempt}` }, { ip: `198.51.100.${attempt}` })).status,
        ).toBe(401);
      }
      const locked = await login({ email: user.email, password }, { ip: "198.51.100.99" });
      expect(locked.status).toBe(429);
      expect((await locked.json()).error.code).toBe("too_many_attempts");
      const retryAfter = Number(locked.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Other accounts are not affected.
      expect((await login({ email: "ada@example.com", password })).status).toBe(200);

      // Once the lock has passed, the right password works again.
      await harness.direct.loginThrottle.update({
        where: { key: "account:locked@example.com" },
        data: { lockedUntil: new Date(Date.now() - 1_000) },
      });
      expect((await login({ email: user.email, password })).status).toBe(200);
    });

    it("resets the account's count on a successful sign-in", async () => {
      const user = await createTestUser({
        db: harness.direct,
        role: "viewer",
        email: "forgetful@example.com",
        password,
      });
      for (let attempt = 0; attempt < 4; attempt++)
        expect((await login({ email: user.email, password: "wrong password" })).status).toBe(401);
      expect((await login({ email: user.email, password })).status).toBe(200);
      expect(
        await harness.direct.loginThrottle.findUnique({ where: { key: "account:forgetful@example.com" } }),
      ).toBeNull();
      for (let attempt = 0; attempt < 4; attempt++)
        expect((await login({ email: user.email, password: "wrong password" })).status).toBe(401);
      expect((await login({ email: user.email, password })).status).toBe(200);
    });

    it("locks an IP after 30 failures in 15 minutes, whichever accounts they tried; other IPs still sign in", async () => {
      for (let attempt = 0; attempt < 30; attempt++) {
        await m.throttle.recordLoginFailure({ db: harness.direct, email: `guess-${attempt}@example.com`, ip });
      }
      const locked = await login({ email: "ada@example.com", password });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
      expect((await login({ email: "ada@example.com", password }, { ip: "192.0.2.200" })).status).toBe(200);
      // A success does not reset the IP's count: one valid account must not unlock guessing at others.
      expect((await login({ email: "ada@example.com", password })).status).toBe(429);
    });

    it("without a known address counts failures per account only, never in one shared IP bucket", async () => {
      const ipKeys = async () =>
        (await harness.direct.loginThrottle.findMany({ where: { key: { startsWith: "ip:" } } })).map((row) => row.key);
      const before = await ipKeys();
      const request = new Request(`${baseUrl}/api/auth/login`, {
        method: "POST",
        // x-real-ip is client-written: it is not an address source.
        headers: { "content-type": "application/json", "x-real-ip": "192.0.2.7" },
        body: JSON.stringify({ email: "y@example.com", password: "wrong password" }),
      });
      expect((await m.login.POST(request, noParams)).status).toBe(401);
      expect(await harness.direct.loginThrottle.findUnique({ where: { key: "account:y@example.com" } })).toMatchObject({
        failures: 1,
      });
      expect(await ipKeys()).toEqual(before);
    });
  });
});
