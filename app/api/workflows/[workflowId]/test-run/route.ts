// Test run: queues the saved workflow with a sample trigger body; follow it on the run page.
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { testRunWorkflow } from "@/lib/executions/test-run-workflow";

export const POST = routeHandler<{ workflowId: string }>({ role: "builder" }, async (request, { workflowId }, user) => {
  const db = await getDb();
  const execution = await testRunWorkflow({ db, workflowId, input: await readJsonBody(request) });
  await recordAuditEvent({
    db,
    actor: user,
    action: "workflow.test_run",
    targetType: "workflow",
    targetId: workflowId,
    details: { executionId: execution.id },
    request,
  });
  return Response.json({ execution }, { status: 201 });
});
