// Admins rename a user, change their role or password (which signs them out), or remove them.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser } from "@/lib/users/update-user";

type Params = { userId: string };

export const PATCH = routeHandler<Params>({ role: "admin" }, async (request, { userId }, actor) => {
  const db = await getDb();
  const { user, changes } = await updateUser({ db, actor, userId, input: await readJsonBody(request) });
  const audit = { db, actor, targetType: "user", targetId: user.id, request } as const;
  if (changes.renamed)
    await recordAuditEvent({ ...audit, action: "user.renamed", details: { email: user.email, name: user.name } });
  if (changes.role)
    await recordAuditEvent({
      ...audit,
      action: "user.role_changed",
      details: { email: user.email, from: changes.role.from, to: changes.role.to },
    });
  if (changes.passwordChanged)
    await recordAuditEvent({ ...audit, action: "user.password_changed", details: { email: user.email } });
  return Response.json({ user });
});

export const DELETE = routeHandler<Params>({ role: "admin" }, async (request, { userId }, actor) => {
  const db = await getDb();
  const user = await deleteUser({ db, actor, userId });
  await recordAuditEvent({
    db,
    actor,
    action: "user.removed",
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, role: user.role },
    request,
  });
  return new Response(null, { status: 204 });
});
