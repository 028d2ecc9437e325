// Lists an agent's workflows and creates one.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { listWorkflows } from "@/lib/workflows/list-workflows";

type Params = { agentId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (_request, { agentId }) =>
  Response.json({ workflows: await listWorkflows({ db: await getDb(), agentId }) }),
);

export const POST = routeHandler<Params>({ role: "builder" }, async (request, { agentId }, user) => {
  const db = await getDb();
  const workflow = await createWorkflow({ db, agentId, input: await readJsonBody(request) });
  await recordAuditEvent({
    db,
    actor: user,
    action: "workflow.created",
    targetType: "workflow",
    targetId: workflow.id,
    details: { agentId, name: workflow.name, version: workflow.version },
    request,
  });
  return Response.json({ workflow }, { status: 201 });
});
