// Reads, renames or deletes one agent (deleting removes its workflows too).
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getAgent } from "@/lib/agents/get-agent";
import { updateAgent } from "@/lib/agents/update-agent";
import { deleteAgent } from "@/lib/agents/delete-agent";

type Params = { agentId: string };

export const GET = routeHandler<Params>(async (_request, { agentId }) =>
  Response.json({ agent: await getAgent({ db: await getDb(), agentId }) }),
);

export const PATCH = routeHandler<Params>(async (request, { agentId }) =>
  Response.json({ agent: await updateAgent({ db: await getDb(), agentId, input: await readJsonBody(request) }) }),
);

export const DELETE = routeHandler<Params>(async (_request, { agentId }) => {
  await deleteAgent({ db: await getDb(), agentId });
  return new Response(null, { status: 204 });
});
