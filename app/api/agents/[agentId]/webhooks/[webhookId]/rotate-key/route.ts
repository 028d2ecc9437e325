// Rotate Key: a new key; the previous one keeps verifying for the grace period asked for.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { rotateWebhookKey } from "@/lib/webhooks/rotate-webhook-key";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(async (request, params) =>
  Response.json(await rotateWebhookKey({ db: await getDb(), ...params, input: await readJsonBody(request), baseUrl: getPublicBaseUrl(request) }), {
    headers: { "cache-control": "no-store" },
  }),
);
