import "server-only";

import type { Db } from "@/lib/db";
import { getRawSql } from "@/lib/db/raw-sql";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { notifyExecutionQueued } from "@/lib/workflows/engine/queue-signal";
import { maxAttemptsOf } from "@/lib/workflows/workflow-definition";

import type { ExecutionSummaryDto } from "./execution-dto";
import { retryFailedExecution } from "./execution-state";
import { executionSummaryInclude, toExecutionSummaryDto } from "./to-execution-dto";

/**
 * Retry from the UI: puts a failed run back in the queue with its workflow version's full retry
 * policy again, counted from here (attemptBase), and a fresh start time so the idle time before
 * the click is not part of its duration. Its succeeded steps keep their results, so it resumes at
 * the step that failed.
 */
export async function retryExecution(opts: {
  db: Db;
  agentId: string;
  executionId: string;
}): Promise<ExecutionSummaryDto> {
  const row = await opts.db.execution.findUnique({
    where: { id: opts.executionId },
    select: { agentId: true, attempt: true, workflowId: true, workflowVersion: true },
  });
  if (!row || row.agentId !== opts.agentId) throw notFound("Run", opts.executionId);
  const version = await opts.db.workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: row.workflowId, version: row.workflowVersion } },
    select: { definition: true },
  });
  // Without its version the run fails at once on the next attempt anyway: one is enough.
  const policyAttempts = version ? maxAttemptsOf(version.definition) : 1;
  const retried = await getRawSql(opts.db).transaction(() =>
    retryFailedExecution({ executionId: opts.executionId, attempt: row.attempt, policyAttempts }),
  );
  if (!retried) throw new DomainError({ code: "not_retryable", message: "Only failed runs can be retried" });
  notifyExecutionQueued();
  return toExecutionSummaryDto(
    await opts.db.execution.findUniqueOrThrow({ where: { id: opts.executionId }, include: executionSummaryInclude }),
  );
}
