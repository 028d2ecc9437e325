// Reads, edits (name, workflow, enabled) or deletes one webhook.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";

type Params = { agentId: string; webhookId: string };

export const GET = routeHandler<Params>(async (request, params) =>
  Response.json({ webhook: await getWebhook({ db: await getDb(), ...params, baseUrl: getPublicBaseUrl(request) }) }),
);

export const PATCH = routeHandler<Params>(async (request, params) =>
  Response.json({ webhook: await updateWebhook({ db: await getDb(), ...params, input: await readJsonBody(request), baseUrl: getPublicBaseUrl(request) }) }),
);

export const DELETE = routeHandler<Params>(async (_request, params) => {
  await deleteWebhook({ db: await getDb(), ...params });
  return new Response(null, { status: 204 });
});
