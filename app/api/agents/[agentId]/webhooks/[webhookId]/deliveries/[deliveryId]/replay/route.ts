// Replay an accepted delivery: a new run of the webhook's workflow from the stored body.
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { replayDelivery } from "@/lib/executions/replay-delivery";

export const POST = routeHandler<{ agentId: string; webhookId: string; deliveryId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const execution = await replayDelivery({ db, ...params });
    await recordAuditEvent({
      db,
      actor: user,
      action: "delivery.replayed",
      targetType: "delivery",
      targetId: params.deliveryId,
      details: { agentId: params.agentId, webhookId: params.webhookId, executionId: execution.id },
      request,
    });
    return Response.json({ execution }, { status: 201 });
  },
);
