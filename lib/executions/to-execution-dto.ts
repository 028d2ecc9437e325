import type { ExecutionStatus, ExecutionSummaryDto, ExecutionTrigger } from "./execution-dto";

export const executionSummaryInclude = {
  workflow: { select: { id: true, name: true } },
  webhook: { select: { id: true, name: true } },
} as const;

type SummaryRow = {
  id: string;
  agentId: string;
  workflow: { id: string; name: string };
  workflowVersion: number;
  trigger: string;
  status: string;
  attempt: number;
  maxAttempts: number;
  attemptBase: number;
  webhook: { id: string; name: string } | null;
  deliveryId: string | null;
  replayOfId: string | null;
  runAt: Date;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toExecutionSummaryDto(row: SummaryRow): ExecutionSummaryDto {
  return {
    id: row.id,
    agentId: row.agentId,
    workflow: row.workflow,
    workflowVersion: row.workflowVersion,
    trigger: row.trigger as ExecutionTrigger,
    status: row.status as ExecutionStatus,
    attempt: row.attempt,
    maxAttempts: row.maxAttempts,
    attemptBase: row.attemptBase,
    webhook: row.webhook,
    deliveryId: row.deliveryId,
    replayOfId: row.replayOfId,
    runAt: row.runAt.toISOString(),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  };
}
