// Lists an agent's workflows and creates one.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { readJsonBody } from "@/lib/api/read-json-body";
import { listWorkflows } from "@/lib/workflows/list-workflows";
import { createWorkflow } from "@/lib/workflows/create-workflow";

type Params = { agentId: string };

export const GET = routeHandler<Params>(async (_request, { agentId }) =>
  Response.json({ workflows: await listWorkflows({ db: await getDb(), agentId }) }),
);

export const POST = routeHandler<Params>(async (request, { agentId }) => {
  const workflow = await createWorkflow({ db: await getDb(), agentId, input: await readJsonBody(request) });
  return Response.json({ workflow }, { status: 201 });
});
