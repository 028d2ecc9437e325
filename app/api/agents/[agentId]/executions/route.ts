// The agent's workflow runs, newest first, filterable by status, trigger, workflow and webhook.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { listExecutions } from "@/lib/executions/list-executions";

export const GET = routeHandler<{ agentId: string }>({ role: "viewer" }, async (request, { agentId }) =>
  Response.json(
    await listExecutions({ db: await getDb(), agentId, query: Object.fromEntries(new URL(request.url).searchParams) }),
  ),
);
