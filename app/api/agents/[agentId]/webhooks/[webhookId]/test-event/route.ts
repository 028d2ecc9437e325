// Send Test Event: the server signs a sample body and delivers it through the public endpoint.
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const result = await sendTestEvent({ db, ...params, baseUrl: getPublicBaseUrl(request) });
    await recordAuditEvent({
      db,
      actor: user,
      action: "webhook.test_event_sent",
      targetType: "webhook",
      targetId: params.webhookId,
      details: { agentId: params.agentId },
      request,
    });
    return Response.json(result);
  },
);
