// Rotate Key: a new key; the previous one keeps verifying for the grace period asked for.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { rotateWebhookKey } from "@/lib/webhooks/rotate-webhook-key";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const input = await readJsonBody(request);
    const result = await rotateWebhookKey({ db, ...params, input, baseUrl: getPublicBaseUrl(request) });
    await recordAuditEvent({
      db,
      actor: user,
      action: "webhook.key_rotated",
      targetType: "webhook",
      targetId: params.webhookId,
      details: {
        agentId: params.agentId,
        name: result.webhook.name,
        previousKeyExpiresAt: result.webhook.previousKeyExpiresAt,
      },
      request,
    });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
);
