// First-run setup on a fresh database per provider: the owner is created exactly once (also when
// several setups race), is signed in at once, and can also come from WORKBENCH_OWNER_* at start-up.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { withCookie } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    setup: await import("@/app/api/setup/route"),
    me: await import("@/app/api/auth/me/route"),
    bootstrapOwnerFromEnv: (await import("@/lib/users/bootstrap-owner")).bootstrapOwnerFromEnv,
  };
}

const noParams = { params: Promise.resolve({}) };
const password = "a long enough password";
const ownerEnv = {
  WORKBENCH_OWNER_EMAIL: "Ops@Example.com",
  WORKBENCH_OWNER_PASSWORD: "bootstrap password 1",
  WORKBENCH_OWNER_NAME: "Ops",
};

describe.each(providers)("first-run setup on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let m: Awaited<ReturnType<typeof loadModules>>;
  beforeAll(async () => {
    m = await loadModules();
  });
  beforeEach(async () => {
    // Setup is only possible on a Workbench without users (the harness's own user included).
    await harness.direct.user.deleteMany();
    await harness.direct.auditEvent.deleteMany();
  });

  const getSetup = async () =>
    (await (await m.setup.GET(new Request(`${baseUrl}/api/setup`), noParams)).json()) as { setupRequired: boolean };
  const postSetup = (body: unknown) =>
    m.setup.POST(
      new Request(`${baseUrl}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      noParams,
    );

  it("creates the owner once (201), signed in at once; then answers 409 setup_done", async () => {
    expect(await getSetup()).toEqual({ setupRequired: true });
    const response = await postSetup({ email: " Owner@Example.com ", name: "Olive", password });
    expect(response.status).toBe(201);
    const { user } = await response.json();
    expect(user).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: "owner@example.com",
      name: "Olive",
      role: "owner",
    });
    const cookie = response.headers.get("set-cookie")!.split(";")[0];
    const me = await m.me.GET(withCookie(new Request(`${baseUrl}/api/auth/me`), cookie), noParams);
    expect((await me.json()).user).toEqual(user);

    expect(await getSetup()).toEqual({ setupRequired: false });
    const again = await postSetup({ email: "second@example.com", password });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("setup_done");
    expect(await harness.direct.user.count()).toBe(1);
    expect(
      await harness.direct.auditEvent.findMany({ select: { action: true, actorId: true, details: true } }),
    ).toEqual([{ action: "auth.setup", actorId: user.id, details: JSON.stringify({ source: "setup_page" }) }]);
    const stored = await harness.direct.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$65536\$8\$1\$/);
  });

  it("makes exactly one owner when several setups race", async () => {
    const responses = await Promise.all(
      [1, 2, 3, 4].map((n) => postSetup({ email: `owner${n}@example.com`, password })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const response of responses.filter((candidate) => candidate.status === 409))
      expect((await response.json()).error.code).toBe("setup_done");
    expect(await harness.direct.user.count()).toBe(1);
    expect(await harness.direct.user.count({ where: { role: "owner" } })).toBe(1);
  });

  it.each([
    ["a short password", { email: "o@example.com", password: "short" }, "password"],
    ["a bad email", { email: "not-an-email", password }, "email"],
    ["a role (setup always makes an owner)", { email: "o@example.com", password, role: "viewer" }, "body"],
  ])("answers 400 for %s", async (_name, body, field) => {
    const response = await postSetup(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.field).toBe(field);
    expect(await harness.direct.user.count()).toBe(0);
  });

  describe("owner bootstrap from the environment", () => {
    it("creates the owner from WORKBENCH_OWNER_* while there is no user, once", async () => {
      expect(await m.bootstrapOwnerFromEnv({ db: harness.direct, env: ownerEnv })).toBe("created");
      const owner = await harness.direct.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
      expect(owner).toMatchObject({ name: "Ops", role: "owner" });
      expect(owner.passwordHash).not.toContain(ownerEnv.WORKBENCH_OWNER_PASSWORD);
      expect(
        await harness.direct.auditEvent.findFirst({
          where: { action: "auth.setup" },
          select: { actorId: true, details: true },
        }),
      ).toEqual({
        actorId: owner.id,
        details: JSON.stringify({ source: "environment" }),
      });

      // Later starts leave existing users alone, even with another password configured.
      expect(
        await m.bootstrapOwnerFromEnv({
          db: harness.direct,
          env: { ...ownerEnv, WORKBENCH_OWNER_PASSWORD: "another password 2" },
        }),
      ).toBe("skipped");
      expect((await harness.direct.user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash).toBe(
        owner.passwordHash,
      );
      expect(await getSetup()).toEqual({ setupRequired: false });
    });

    it("does nothing without the variables", async () => {
      expect(await m.bootstrapOwnerFromEnv({ db: harness.direct, env: {} })).toBe("skipped");
      expect(await harness.direct.user.count()).toBe(0);
    });

    it.each([
      [
        "a short password",
        { ...ownerEnv, WORKBENCH_OWNER_PASSWORD: "short" },
        /^WORKBENCH_OWNER_PASSWORD is not usable: Use at least 10 characters$/,
      ],
      ["a bad email", { ...ownerEnv, WORKBENCH_OWNER_EMAIL: "ops" }, /^WORKBENCH_OWNER_EMAIL is not usable/],
      [
        "an email without a password",
        { WORKBENCH_OWNER_EMAIL: "ops@example.com" },
        /Set both WORKBENCH_OWNER_EMAIL and WORKBENCH_OWNER_PASSWORD/,
      ],
    ])("stops start-up with a message naming the variable for %s", async (_name, env, message) => {
      await expect(m.bootstrapOwnerFromEnv({ db: harness.direct, env })).rejects.toThrow(message);
      expect(await harness.direct.user.count()).toBe(0);
    });
  });
});

describe.each(providers)("owner bootstrap at start-up on %s", (provider) => {
  // The variables as a deployment sets them, read through lib/env like start-up does.
  const harness = useWebhookApp(provider, { env: ownerEnv });

  it("reads WORKBENCH_OWNER_* from the environment", async () => {
    await harness.direct.user.deleteMany();
    const { bootstrapOwnerFromEnv } = await import("@/lib/users/bootstrap-owner");
    expect(await bootstrapOwnerFromEnv({ db: harness.direct })).toBe("created");
    expect(await harness.direct.user.findMany({ select: { email: true, role: true } })).toEqual([
      { email: "ops@example.com", role: "owner" },
    ]);
  });
});
