// Reads, updates (name, description, definition) or deletes one workflow.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { updateWorkflow } from "@/lib/workflows/update-workflow";
import { deleteWorkflow } from "@/lib/workflows/delete-workflow";

type Params = { workflowId: string };

export const GET = routeHandler<Params>(async (_request, { workflowId }) =>
  Response.json({ workflow: await getWorkflow({ db: await getDb(), workflowId }) }),
);

export const PATCH = routeHandler<Params>(async (request, { workflowId }) =>
  Response.json({ workflow: await updateWorkflow({ db: await getDb(), workflowId, input: await readJsonBody(request) }) }),
);

export const DELETE = routeHandler<Params>(async (_request, { workflowId }) => {
  await deleteWorkflow({ db: await getDb(), workflowId });
  return new Response(null, { status: 204 });
});
