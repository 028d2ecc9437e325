// One run with each step's input, output, error and duration.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { getExecution } from "@/lib/executions/get-execution";

export const GET = routeHandler<{ agentId: string; executionId: string }>(
  { role: "viewer" },
  async (_request, params) => Response.json({ execution: await getExecution({ db: await getDb(), ...params }) }),
);
