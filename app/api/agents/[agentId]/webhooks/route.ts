// Lists an agent's webhooks and creates one (without a key: Generate Private Key comes next).
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

type Params = { agentId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (request, { agentId }) =>
  Response.json({ webhooks: await listWebhooks({ db: await getDb(), agentId, baseUrl: getPublicBaseUrl(request) }) }),
);

export const POST = routeHandler<Params>({ role: "builder" }, async (request, { agentId }, user) => {
  const db = await getDb();
  const webhook = await createWebhook({
    db,
    agentId,
    input: await readJsonBody(request),
    baseUrl: getPublicBaseUrl(request),
  });
  await recordAuditEvent({
    db,
    actor: user,
    action: "webhook.created",
    targetType: "webhook",
    targetId: webhook.id,
    details: { agentId, name: webhook.name, workflowId: webhook.workflow.id },
    request,
  });
  return Response.json({ webhook }, { status: 201 });
});
