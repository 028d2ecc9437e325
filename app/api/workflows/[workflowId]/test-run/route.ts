// Test run: queues the saved workflow with a sample trigger body; follow it on the run page.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { testRunWorkflow } from "@/lib/executions/test-run-workflow";

export const POST = routeHandler<{ workflowId: string }>(async (request, { workflowId }) =>
  Response.json({ execution: await testRunWorkflow({ db: await getDb(), workflowId, input: await readJsonBody(request) }) }, { status: 201 }),
);
