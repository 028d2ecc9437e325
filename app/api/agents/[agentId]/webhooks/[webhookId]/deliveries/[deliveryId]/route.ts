// One delivery with its (masked) headers and body.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { getDelivery } from "@/lib/deliveries/get-delivery";

export const GET = routeHandler<{ agentId: string; webhookId: string; deliveryId: string }>(
  { role: "viewer" },
  async (_request, params) => Response.json({ delivery: await getDelivery({ db: await getDb(), ...params }) }),
);
