// Generate Private Key: creates the webhook's first signing key and returns it with the key file.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { generateWebhookKey } from "@/lib/webhooks/generate-webhook-key";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(async (request, params) =>
  Response.json(await generateWebhookKey({ db: await getDb(), ...params, baseUrl: getPublicBaseUrl(request) }), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);
