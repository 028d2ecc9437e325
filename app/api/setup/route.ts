// First-run setup: whether it is needed, and creating the owner (signed in at once) while no user exists.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { startSession } from "@/lib/auth/start-session";
import { getDb } from "@/lib/db";
import { createFirstOwner, isSetupRequired } from "@/lib/users/create-first-owner";

export const GET = routeHandler({ public: true }, async () =>
  Response.json(
    { setupRequired: await isSetupRequired({ db: await getDb() }) },
    { headers: { "cache-control": "no-store" } },
  ),
);

export const POST = routeHandler({ public: true }, async (request) => {
  const db = await getDb();
  const user = await createFirstOwner({ db, input: await readJsonBody(request) });
  const { cookie } = await startSession({ db, request, userId: user.id });
  await recordAuditEvent({
    db,
    actor: user,
    action: "auth.setup",
    targetType: "user",
    targetId: user.id,
    details: { source: "setup_page" },
    request,
  });
  return Response.json(
    { user: { id: user.id, email: user.email, name: user.name, role: user.role } },
    { status: 201, headers: { "set-cookie": cookie, "cache-control": "no-store" } },
  );
});
