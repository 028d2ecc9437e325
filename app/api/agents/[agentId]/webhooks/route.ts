// Lists an agent's webhooks and creates one (without a key: Generate Private Key comes next).
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getPublicBaseUrl } from "@/lib/webhooks/public-base-url";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { createWebhook } from "@/lib/webhooks/create-webhook";

type Params = { agentId: string };

export const GET = routeHandler<Params>(async (request, { agentId }) =>
  Response.json({ webhooks: await listWebhooks({ db: await getDb(), agentId, baseUrl: getPublicBaseUrl(request) }) }),
);

export const POST = routeHandler<Params>(async (request, { agentId }) => {
  const webhook = await createWebhook({ db: await getDb(), agentId, input: await readJsonBody(request), baseUrl: getPublicBaseUrl(request) });
  return Response.json({ webhook }, { status: 201 });
});
