// Reads, updates (name, description, definition) or deletes one workflow.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";

type Params = { workflowId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (_request, { workflowId }) =>
  Response.json({ workflow: await getWorkflow({ db: await getDb(), workflowId }) }),
);

export const PATCH = routeHandler<Params>({ role: "builder" }, async (request, { workflowId }, user) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const workflow = await updateWorkflow({ db, workflowId, input, actor: user, ip: getClientIp({ request }) });
  return Response.json({ workflow });
});

export const DELETE = routeHandler<Params>({ role: "builder" }, async (request, { workflowId }, user) => {
  const db = await getDb();
  await deleteWorkflow({ db, workflowId });
  await recordAuditEvent({
    db,
    actor: user,
    action: "workflow.deleted",
    targetType: "workflow",
    targetId: workflowId,
    request,
  });
  return new Response(null, { status: 204 });
});
