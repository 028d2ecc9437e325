// Send Test Event: the server signs a sample body and delivers it through the public endpoint.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

export const POST = routeHandler<{ agentId: string; webhookId: string }>(async (request, params) =>
  Response.json(await sendTestEvent({ db: await getDb(), ...params, baseUrl: getPublicBaseUrl(request) })),
);
