// Reads, edits (name, workflow, enabled) or deletes one webhook.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getPublicBaseUrl } from "@/lib/incoming/public-base-url";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

type Params = { agentId: string; webhookId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (request, params) =>
  Response.json({ webhook: await getWebhook({ db: await getDb(), ...params, baseUrl: getPublicBaseUrl(request) }) }),
);

export const PATCH = routeHandler<Params>({ role: "builder" }, async (request, params, user) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const webhook = await updateWebhook({ db, ...params, input, baseUrl: getPublicBaseUrl(request) });
  const audit = { db, actor: user, targetType: "webhook", targetId: webhook.id, request } as const;
  const fields = changedFields(input);
  // Switching a webhook on or off is its own event; any other change is an edit.
  if (fields.includes("enabled"))
    await recordAuditEvent({
      ...audit,
      action: webhook.enabled ? "webhook.enabled" : "webhook.disabled",
      details: { agentId: params.agentId, name: webhook.name },
    });
  const edited = fields.filter((field) => field !== "enabled");
  if (edited.length > 0)
    await recordAuditEvent({
      ...audit,
      action: "webhook.updated",
      details: { agentId: params.agentId, name: webhook.name, fields: edited },
    });
  return Response.json({ webhook });
});

export const DELETE = routeHandler<Params>({ role: "builder" }, async (request, params, user) => {
  const db = await getDb();
  await deleteWebhook({ db, ...params });
  await recordAuditEvent({
    db,
    actor: user,
    action: "webhook.deleted",
    targetType: "webhook",
    targetId: params.webhookId,
    details: { agentId: params.agentId },
    request,
  });
  return new Response(null, { status: 204 });
});
