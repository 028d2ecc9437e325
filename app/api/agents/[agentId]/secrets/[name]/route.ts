// Create or replace (PUT {"value"}) and delete one agent secret (builders); the value is never returned.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { deleteAgentSecret } from "@/lib/secrets/delete-agent-secret";
import { putAgentSecret } from "@/lib/secrets/put-agent-secret";

type Params = { agentId: string; name: string };

export const PUT = routeHandler<Params>({ role: "builder" }, async (request, { agentId, name }, user) => {
  const input = await readJsonBody(request);
  const { secret, created } = await putAgentSecret({
    db: await getDb(),
    agentId,
    name,
    input,
    audit: { actor: user, request },
  });
  return Response.json({ secret }, { status: created ? 201 : 200, headers: { "cache-control": "no-store" } });
});

export const DELETE = routeHandler<Params>({ role: "builder" }, async (request, { agentId, name }, user) => {
  await deleteAgentSecret({ db: await getDb(), agentId, name, audit: { actor: user, request } });
  return new Response(null, { status: 204 });
});
