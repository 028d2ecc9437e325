// Generate Private Key: creates the webhook's first signing key and returns it with the key file.
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { generateWebhookKey } from "@/lib/webhooks/generate-webhook-key";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const result = await generateWebhookKey({ db, ...params, baseUrl: getPublicBaseUrl(request) });
    await recordAuditEvent({
      db,
      actor: user,
      action: "webhook.key_generated",
      targetType: "webhook",
      targetId: params.webhookId,
      details: { agentId: params.agentId, name: result.webhook.name },
      request,
    });
    return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
