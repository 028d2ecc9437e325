// The agent's integration settings: LLM provider (key stored encrypted) and outbound signing secret.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getAgentSettings, updateAgentSettings } from "@/lib/agents/agent-settings";

type Params = { agentId: string };

export const GET = routeHandler<Params>(async (_request, { agentId }) =>
  Response.json({ settings: await getAgentSettings({ db: await getDb(), agentId }) }, { headers: { "cache-control": "no-store" } }),
);

export const PATCH = routeHandler<Params>(async (request, { agentId }) =>
  Response.json({ settings: await updateAgentSettings({ db: await getDb(), agentId, input: await readJsonBody(request) }) }),
);
