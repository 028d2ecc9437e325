// The signed-in user (any role, by session: not an API token) changes their own password: 204, and their other sessions end.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";

export const POST = routeHandler({ role: "viewer", sessionOnly: true }, async (request, _params, user) => {
  const db = await getDb();
  await changeOwnPassword({ db, user, input: await readJsonBody(request), ip: getClientIp({ request }) });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
