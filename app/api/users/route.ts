// Admins list users and create them (with a first password; only an owner may create an owner).
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = routeHandler({ role: "admin" }, async () =>
  Response.json({ users: await listUsers({ db: await getDb() }) }),
);

export const POST = routeHandler({ role: "admin" }, async (request, _params, actor) => {
  const db = await getDb();
  const user = await createUser({ db, actor, input: await readJsonBody(request) });
  await recordAuditEvent({
    db,
    actor,
    action: "user.created",
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, role: user.role },
    request,
  });
  return Response.json({ user }, { status: 201 });
});
