// Admins rename a user, change their role or password (which signs them out), or remove them.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser } from "@/lib/users/update-user";

type Params = { userId: string };

export const PATCH = routeHandler<Params>({ role: "admin" }, async (request, { userId }, actor) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const { user } = await updateUser({ db, actor, ip: getClientIp({ request }), userId, input });
  return Response.json({ user });
});

export const DELETE = routeHandler<Params>({ role: "admin" }, async (request, { userId }, actor) => {
  const db = await getDb();
  await deleteUser({ db, actor, ip: getClientIp({ request }), userId });
  return new Response(null, { status: 204 });
});
