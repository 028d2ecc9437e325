// First-run setup: whether it is needed, and creating the owner (signed in at once) while no user exists.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { startSession } from "@/lib/auth/start-session";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";
import { createFirstOwner, isSetupRequired } from "@/lib/users/create-first-owner";

export const GET = routeHandler({ public: true }, async () =>
  Response.json(
    { setupRequired: await isSetupRequired({ db: await getDb() }) },
    { headers: { "cache-control": "no-store" } },
  ),
);

export const POST = routeHandler({ public: true }, async (request) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const user = await createFirstOwner({ db, input, source: "setup_page", ip: getClientIp({ request }) });
  const { cookie } = await startSession({ db, request, userId: user.id });
  return Response.json(
    { user: { id: user.id, email: user.email, name: user.name, role: user.role } },
    { status: 201, headers: { "set-cookie": cookie, "cache-control": "no-store" } },
  );
});
