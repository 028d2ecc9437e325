// Download Private Key: the key file as a JSON attachment named after the webhook.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { getWebhookKeyFile } from "@/lib/webhooks/get-webhook-key-file";
import { keyFileName } from "@/lib/webhooks/build-key-file";

export const GET = routeHandler<{ agentId: string; webhookId: string }>(async (request, params) => {
  const keyFile = await getWebhookKeyFile({ db: await getDb(), ...params, baseUrl: getPublicBaseUrl(request) });
  return new Response(JSON.stringify(keyFile, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${keyFileName(keyFile.name)}"`,
      "cache-control": "no-store",
    },
  });
});
