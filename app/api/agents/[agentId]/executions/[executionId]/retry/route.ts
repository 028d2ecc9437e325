// Retry a failed run: it resumes at the step that failed.
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { retryExecution } from "@/lib/executions/retry-execution";

export const POST = routeHandler<{ agentId: string; executionId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    const execution = await retryExecution({ db, ...params });
    await recordAuditEvent({
      db,
      actor: user,
      action: "execution.retried",
      targetType: "execution",
      targetId: params.executionId,
      details: { agentId: params.agentId },
      request,
    });
    return Response.json({ execution });
  },
);
