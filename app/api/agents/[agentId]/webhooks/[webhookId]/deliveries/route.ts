// The webhook's delivery log: newest first, filterable by outcome, cursor-paginated.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { listDeliveries } from "@/lib/deliveries/list-deliveries";

export const GET = routeHandler<{ agentId: string; webhookId: string }>({ role: "viewer" }, async (request, params) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await listDeliveries({ db: await getDb(), ...params, query }));
});
