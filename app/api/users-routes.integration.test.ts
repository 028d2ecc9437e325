// The users API as admins call it, on a fresh database per provider: who may create, change and
// remove whom, the last-owner and self-removal rules, and sessions ended by a role or password change.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createTestUser, withCookie, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { reply } from "@/test/route-reply";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    users: await import("@/app/api/users/route"),
    user: await import("@/app/api/users/[userId]/route"),
    me: await import("@/app/api/auth/me/route"),
    login: await import("@/app/api/auth/login/route"),
  };
}

const noParams = { params: Promise.resolve({}) };
const userParams = (userId: string) => ({ params: Promise.resolve({ userId }) });
const password = "initial password 1";

describe.each(providers)("users API on %s", (provider) => {
  const harness = useWebhookApp(provider, { role: "owner" });
  let m: Awaited<ReturnType<typeof loadModules>>;
  let admin: TestUser;
  beforeAll(async () => {
    m = await loadModules();
  });
  beforeEach(async () => {
    // Everyone but the harness's owner goes between tests.
    await harness.direct.user.deleteMany({ where: { id: { not: harness.user.id } } });
    admin = await createTestUser({ db: harness.direct, role: "admin", email: "admin@example.com" });
  });

  const as = (caller: TestUser) => ({
    list: () => reply(m.users.GET(withCookie(new Request(`${baseUrl}/api/users`), caller.cookie), noParams)),
    create: (body: unknown) =>
      reply(
        m.users.POST(
          withCookie(
            new Request(`${baseUrl}/api/users`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body),
            }),
            caller.cookie,
          ),
          noParams,
        ),
      ),
    update: (userId: string, body: unknown) =>
      reply(
        m.user.PATCH(
          withCookie(
            new Request(`${baseUrl}/api/users/${userId}`, {
              method: "PATCH",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body),
            }),
            caller.cookie,
          ),
          userParams(userId),
        ),
      ),
    remove: (userId: string) =>
      reply(
        m.user.DELETE(
          withCookie(new Request(`${baseUrl}/api/users/${userId}`, { method: "DELETE" }), caller.cookie),
          userParams(userId),
        ),
      ),
  });
  const meStatus = async (cookie: string) =>
    (await m.me.GET(withCookie(new Request(`${baseUrl}/api/auth/me`), cookie), noParams)).status;
  const owner = () => harness.user;

  it("creates a user (201) who can sign in with the password given, and lists users without password hashes", async () => {
    const created = await as(admin).create({
      email: " New.Builder@Example.com ",
      name: "Nia",
      role: "builder",
      password,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: "new.builder@example.com",
      name: "Nia",
      role: "builder",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const signIn = await m.login.POST(
      new Request(`${baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "new.builder@example.com", password }),
      }),
      noParams,
    );
    expect(signIn.status).toBe(200);

    const listed = await as(admin).list();
    expect(listed.status).toBe(200);
    expect(listed.body.users.map((user: { email: string }) => user.email)).toEqual([
      owner().email,
      "admin@example.com",
      "new.builder@example.com",
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it("answers 409 email_taken for an email in use, whatever its case", async () => {
    await as(admin).create({ email: "dup@example.com", role: "viewer", password });
    const again = await as(admin).create({ email: "DUP@example.com", role: "builder", password });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "email_taken", field: "email" });
  });

  it.each([
    ["a short password", { email: "x@example.com", role: "viewer", password: "short" }, "password"],
    ["an unknown role", { email: "x@example.com", role: "superuser", password }, "role"],
    ["no role", { email: "x@example.com", password }, "role"],
    ["a bad email", { email: "x", role: "viewer", password }, "email"],
  ])("answers 400 for %s", async (_name, body, field) => {
    const response = await as(admin).create(body);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it("lets only an owner create, promote, change or remove an owner (403 for admins)", async () => {
    expect((await as(admin).create({ email: "o2@example.com", role: "owner", password })).status).toBe(403);
    const builder = (await as(admin).create({ email: "b@example.com", role: "builder", password })).body.user;
    const promote = await as(admin).update(builder.id, { role: "owner" });
    expect(promote.status).toBe(403);
    expect(promote.body.error.code).toBe("forbidden");
    expect((await as(admin).update(admin.id, { role: "owner" })).status).toBe(403);
    expect((await as(admin).update(owner().id, { name: "Renamed by admin" })).status).toBe(403);
    expect((await as(admin).update(owner().id, { password: "admin chose this" })).status).toBe(403);
    expect((await as(admin).remove(owner().id)).status).toBe(403);

    const second = await as(owner()).create({ email: "o2@example.com", role: "owner", password });
    expect(second.status).toBe(201);
    expect((await as(owner()).update(builder.id, { role: "owner" })).body.user.role).toBe("owner");
    expect(await harness.direct.user.count({ where: { role: "owner" } })).toBe(3);
  });

  it("keeps the last owner: it cannot be demoted (409 last_owner); with a second owner it can", async () => {
    const demote = await as(owner()).update(owner().id, { role: "admin" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_owner");
    expect((await harness.direct.user.findUniqueOrThrow({ where: { id: owner().id } })).role).toBe("owner");

    const other = await createTestUser({ db: harness.direct, role: "owner" });
    expect((await as(other).update(other.id, { role: "admin" })).status).toBe(200);
    // Now the harness owner is the last one again.
    expect((await as(owner()).update(owner().id, { role: "builder" })).status).toBe(409);
  });

  it("never lets owners demoting each other at once leave none", async () => {
    // Only a, b and c are owners for this test (the harness's owner steps aside in the database).
    await harness.direct.user.update({ where: { id: owner().id }, data: { role: "admin" } });
    try {
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestUser({ db: harness.direct, role: "owner" })));
      // Each demotes the next at the same moment: unserialized, all three would pass their
      // "another owner remains" check and leave the Workbench without an owner.
      const results = await Promise.all([
        as(a).update(b.id, { role: "admin" }),
        as(b).update(c.id, { role: "admin" }),
        as(c).update(a.id, { role: "admin" }),
      ]);
      expect(results.map((result) => result.status).every((status) => [200, 401, 403, 409].includes(status))).toBe(
        true,
      );
      expect(await harness.direct.user.count({ where: { role: "owner" } })).toBeGreaterThanOrEqual(1);
      // A caller demoted while its request waited for the others no longer acts as an owner.
      expect(results.filter((result) => result.status === 200).length).toBeLessThanOrEqual(2);
    } finally {
      await harness.direct.user.update({ where: { id: owner().id }, data: { role: "owner" } });
    }
  });

  it("refuses removing yourself (409 cannot_remove_self) and the last owner", async () => {
    const self = await as(admin).remove(admin.id);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("cannot_remove_self");
    expect((await as(owner()).remove(owner().id)).body.error.code).toBe("cannot_remove_self");
    expect(await harness.direct.user.count({ where: { id: admin.id } })).toBe(1);
  });

  it("removes a user (204): their sessions end with them", async () => {
    const viewer = await createTestUser({ db: harness.direct, role: "viewer" });
    expect(await meStatus(viewer.cookie)).toBe(200);
    expect((await as(admin).remove(viewer.id)).status).toBe(204);
    expect(await meStatus(viewer.cookie)).toBe(401);
    expect(await harness.direct.session.count({ where: { userId: viewer.id } })).toBe(0);
    expect((await as(admin).remove(viewer.id)).status).toBe(404);
  });

  it("ends a user's sessions when their role changes", async () => {
    const builder = await createTestUser({ db: harness.direct, role: "builder" });
    const changed = await as(admin).update(builder.id, { role: "viewer" });
    expect(changed.status).toBe(200);
    expect(changed.body.user.role).toBe("viewer");
    expect(await meStatus(builder.cookie)).toBe(401);
  });

  it("ends a user's sessions when an admin sets their password; renaming keeps them", async () => {
    const builder = await createTestUser({ db: harness.direct, role: "builder" });
    expect((await as(admin).update(builder.id, { name: "Bea" })).body.user.name).toBe("Bea");
    expect(await meStatus(builder.cookie)).toBe(200);
    expect((await as(admin).update(builder.id, { password: "a brand new password" })).status).toBe(200);
    expect(await meStatus(builder.cookie)).toBe(401);
  });

  it("keeps the caller's own session when they change their own password, ending their others", async () => {
    const otherBrowser = await harness.direct.session.create({
      data: {
        id: "ses_other_browser",
        tokenHash: "f".repeat(64),
        userId: admin.id,
        expiresAt: new Date(Date.now() + 3_600_000),
        lastSeenAt: new Date(),
      },
    });
    expect((await as(admin).update(admin.id, { password: "my new password!" })).status).toBe(200);
    expect(await meStatus(admin.cookie)).toBe(200);
    expect(await harness.direct.session.findUnique({ where: { id: otherBrowser.id } })).toBeNull();
  });

  it("answers 400 for nothing to change and 404 for an unknown user", async () => {
    expect((await as(admin).update(admin.id, {})).status).toBe(400);
    expect((await as(admin).update("usr_missing", { name: "x" })).status).toBe(404);
  });
});
