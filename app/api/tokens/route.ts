// The caller's own API tokens: list them, or create one (its value is in this answer only). Session only.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

const noStore = { "cache-control": "no-store" };

export const GET = routeHandler({ role: "viewer", sessionOnly: true }, async (_request, _params, user) =>
  Response.json({ tokens: await listApiTokens({ db: await getDb(), userId: user.id }) }, { headers: noStore }),
);

export const POST = routeHandler({ role: "viewer", sessionOnly: true }, async (request, _params, actor) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const created = await createApiToken({ db, actor, ip: getClientIp({ request }), input });
  return Response.json(created, { status: 201, headers: noStore });
});
