// The agent's secrets by name, for every role: values are write-only and never leave the server.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { listAgentSecrets } from "@/lib/secrets/list-agent-secrets";

export const GET = routeHandler<{ agentId: string }>({ role: "viewer" }, async (_request, { agentId }) =>
  Response.json(
    { secrets: await listAgentSecrets({ db: await getDb(), agentId }) },
    { headers: { "cache-control": "no-store" } },
  ),
);
