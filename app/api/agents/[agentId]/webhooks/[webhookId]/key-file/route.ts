// Download Private Key: the key file as a JSON attachment named after the webhook (builders only).
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { keyFileName } from "@/lib/webhooks/build-key-file";
import { getWebhookKeyFile } from "@/lib/webhooks/get-webhook-key-file";

export const GET = routeHandler<{ agentId: string; webhookId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const keyFile = await getWebhookKeyFile({ db, ...params, baseUrl: getPublicBaseUrl(request) });
    await recordAuditEvent({
      db,
      actor: user,
      action: "webhook.key_downloaded",
      targetType: "webhook",
      targetId: params.webhookId,
      details: { agentId: params.agentId, name: keyFile.name },
      request,
    });
    return new Response(JSON.stringify(keyFile, null, 2) + "\n", {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${keyFileName(keyFile.name)}"`,
        "cache-control": "no-store",
      },
    });
  },
);
