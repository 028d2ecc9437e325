// Retry a failed run: it resumes at the step that failed.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { retryExecution } from "@/lib/executions/retry-execution";

export const POST = routeHandler<{ agentId: string; executionId: string }>(async (_request, params) =>
  Response.json({ execution: await retryExecution({ db: await getDb(), ...params }) }),
);
