import "server-only";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { notifyExecutionQueued } from "@/lib/workflows/engine/queue-signal";

import type { ExecutionSummaryDto } from "./execution-dto";
import { executionSummaryInclude, toExecutionSummaryDto } from "./to-execution-dto";

/**
 * Retry from the UI: puts a failed run back in the queue with one more attempt. Its succeeded
 * steps keep their results, so it resumes at the step that failed.
 */
export async function retryExecution(opts: {
  db: Db;
  agentId: string;
  executionId: string;
}): Promise<ExecutionSummaryDto> {
  const row = await opts.db.execution.findUnique({
    where: { id: opts.executionId },
    select: { agentId: true, attempt: true },
  });
  if (!row || row.agentId !== opts.agentId) throw notFound("Run", opts.executionId);
  const { count } = await opts.db.execution.updateMany({
    where: { id: opts.executionId, status: "failed" },
    data: { status: "queued", runAt: new Date(), maxAttempts: row.attempt + 1, finishedAt: null, error: null },
  });
  if (count === 0) throw new DomainError({ code: "not_retryable", message: "Only failed runs can be retried" });
  notifyExecutionQueued();
  return toExecutionSummaryDto(
    await opts.db.execution.findUniqueOrThrow({ where: { id: opts.executionId }, include: executionSummaryInclude }),
  );
}
