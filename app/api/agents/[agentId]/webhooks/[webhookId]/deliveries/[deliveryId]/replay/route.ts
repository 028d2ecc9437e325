// Replay an accepted delivery: a new run of the webhook's workflow from the stored body.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { replayDelivery } from "@/lib/executions/replay-delivery";

export const POST = routeHandler<{ agentId: string; webhookId: string; deliveryId: string }>(async (_request, params) =>
  Response.json({ execution: await replayDelivery({ db: await getDb(), ...params }) }, { status: 201 }),
);
