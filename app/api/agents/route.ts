// Lists agents and creates one.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { listAgents } from "@/lib/agents/list-agents";
import { createAgent } from "@/lib/agents/create-agent";

export const GET = routeHandler(async () => Response.json({ agents: await listAgents({ db: await getDb() }) }));

export const POST = routeHandler(async (request) => {
  const agent = await createAgent({ db: await getDb(), input: await readJsonBody(request) });
  return Response.json({ agent }, { status: 201 });
});
