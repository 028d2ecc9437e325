// A change and its audit row commit together, on a fresh database per provider: with the audit
// table renamed away (so the insert fails for real), each of these routes answers 500 and the
// change is rolled back; with it back, the change and its row are both there.
import { beforeAll, describe, expect, it } from "vitest";

import { createTestUser, signedIn, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

async function loadModules() {
  return {
    user: await import("@/app/api/users/[userId]/route"),
    password: await import("@/app/api/auth/password/route"),
    workflow: await import("@/app/api/workflows/[workflowId]/route"),
    setup: await import("@/app/api/setup/route"),
  };
}

const withParams = <P>(params: P) => ({ params: Promise.resolve(params) });
const send = (method: string, body: unknown) =>
  new Request(`${baseUrl}/`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.each(providers)("audit rows in the change's transaction on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let modules: Awaited<ReturnType<typeof loadModules>>;
  let admin: TestUser;
  beforeAll(async () => {
    modules = await loadModules();
    admin = await createTestUser({ db: harness.direct, role: "admin", email: "admin@example.com" });
  });

  /** Runs `work` while the audit table does not exist, so every audit insert fails in the database itself. */
  async function withoutAuditTable<T>(work: () => Promise<T>): Promise<T> {
    await harness.direct.$executeRawUnsafe(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAside"`);
    try {
      return await work();
    } finally {
      await harness.direct.$executeRawUnsafe(`ALTER TABLE "AuditEventAside" RENAME TO "AuditEvent"`);
    }
  }
  const auditRows = (action: string, targetId: string) =>
    harness.direct.auditEvent.findMany({ where: { action, targetId } });

  it("PATCH /api/users/:id: a failed audit insert keeps the old role; otherwise both commit", async () => {
    const target = await createTestUser({ db: harness.direct, role: "viewer" });
    const route = signedIn(modules.user, () => admin.cookie);
    const patch = () => route.PATCH(send("PATCH", { role: "builder" }), withParams({ userId: target.id }));

    expect((await withoutAuditTable(patch)).status).toBe(500);
    expect(await harness.direct.user.findUnique({ where: { id: target.id } })).toMatchObject({ role: "viewer" });
    expect(await harness.direct.session.count({ where: { userId: target.id } })).toBe(1);

    expect((await patch()).status).toBe(200);
    expect(await harness.direct.user.findUnique({ where: { id: target.id } })).toMatchObject({ role: "builder" });
    expect(await auditRows("user.role_changed", target.id)).toHaveLength(1);
  });

  it("DELETE /api/users/:id: a failed audit insert keeps the user; otherwise both commit", async () => {
    const target = await createTestUser({ db: harness.direct, role: "viewer" });
    const route = signedIn(modules.user, () => admin.cookie);
    const remove = () => route.DELETE(send("DELETE", {}), withParams({ userId: target.id }));

    expect((await withoutAuditTable(remove)).status).toBe(500);
    expect(await harness.direct.user.count({ where: { id: target.id } })).toBe(1);

    expect((await remove()).status).toBe(204);
    expect(await harness.direct.user.count({ where: { id: target.id } })).toBe(0);
    expect(await auditRows("user.removed", target.id)).toHaveLength(1);
  });

  it("POST /api/auth/password: a failed audit insert keeps the old password; otherwise both commit", async () => {
    const password = "correct horse battery staple";
    const self = await createTestUser({ db: harness.direct, role: "viewer", password });
    const before = await harness.direct.user.findUniqueOrThrow({ where: { id: self.id } });
    const route = signedIn(modules.password, () => self.cookie);
    const change = () =>
      route.POST(send("POST", { currentPassword: password, newPassword: "a brand new passphrase" }), withParams({}));

    expect((await withoutAuditTable(change)).status).toBe(500);
    expect((await harness.direct.user.findUniqueOrThrow({ where: { id: self.id } })).passwordHash).toBe(
      before.passwordHash,
    );

    expect((await change()).status).toBe(204);
    expect((await harness.direct.user.findUniqueOrThrow({ where: { id: self.id } })).passwordHash).not.toBe(
      before.passwordHash,
    );
    expect(await auditRows("user.password_changed", self.id)).toHaveLength(1);
  });

  it("PATCH /api/workflows/:id: a failed audit insert keeps the name and version; otherwise both commit", async () => {
    const { workflow } = await harness.createWebhook({ withKey: false });
    const route = harness.signedIn(modules.workflow);
    const definition = { steps: [{ id: "s1", type: "transform", config: { expression: "trigger.body" } }] };
    const patch = (body: unknown) => route.PATCH(send("PATCH", body), withParams({ workflowId: workflow.id }));

    expect((await withoutAuditTable(() => patch({ name: "Renamed" }))).status).toBe(500);
    expect((await withoutAuditTable(() => patch({ definition }))).status).toBe(500);
    expect(await harness.direct.workflow.findUnique({ where: { id: workflow.id } })).toMatchObject({
      name: "Flow",
      version: 1,
    });
    expect(await harness.direct.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(1);

    expect((await patch({ name: "Renamed", definition })).status).toBe(200);
    expect(await harness.direct.workflow.findUnique({ where: { id: workflow.id } })).toMatchObject({
      name: "Renamed",
      version: 2,
    });
    expect(await auditRows("workflow.updated", workflow.id)).toHaveLength(1);
  });

  // Last: it removes every user, as first-run setup needs.
  it("POST /api/setup: a failed audit insert creates no owner; otherwise both commit", async () => {
    await harness.direct.user.deleteMany();
    const setup = () =>
      modules.setup.POST(
        send("POST", { email: "owner@example.com", password: "a long enough passphrase", name: "Owner" }),
        withParams({}),
      );

    expect((await withoutAuditTable(setup)).status).toBe(500);
    expect(await harness.direct.user.count()).toBe(0);

    expect((await setup()).status).toBe(201);
    const owner = await harness.direct.user.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(await auditRows("auth.setup", owner.id)).toHaveLength(1);
  });
});
