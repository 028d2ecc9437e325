// Runs as the API returns them.
import type { ExecutionStatus } from "./execution-state";

export type { ExecutionStatus };
export type ExecutionTrigger = "webhook" | "replay" | "test";

export type ExecutionSummaryDto = {
  id: string;
  agentId: string;
  workflow: { id: string; name: string };
  workflowVersion: number;
  trigger: ExecutionTrigger;
  status: ExecutionStatus;
  attempt: number;
  maxAttempts: number;
  /** Attempts made before the latest manual retry: the run's own count is attempt - attemptBase of maxAttempts - attemptBase. */
  attemptBase: number;
  webhook: { id: string; name: string } | null;
  deliveryId: string | null;
  replayOfId: string | null;
  /** When a queued run (e.g. a retry after backoff) is due. */
  runAt: string;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
};

export type StepRunStatus = "succeeded" | "failed" | "pending";

/** One step of the run's workflow version, with its latest attempt (if it ran). */
export type ExecutionStepDto = {
  stepId: string;
  stepIndex: number;
  stepType: string;
  name: string | null;
  status: StepRunStatus;
  attempt: number | null;
  input: unknown;
  output: unknown;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
};

export type StepAttemptDto = {
  id: string;
  stepId: string;
  attempt: number;
  status: "succeeded" | "failed";
  error: string | null;
  durationMs: number;
  finishedAt: string;
};

export type ExecutionDto = ExecutionSummaryDto & {
  trigger: ExecutionTrigger;
  context: { body: unknown; headers: Record<string, string>; receivedAt: string; webhookId: string | null };
  steps: ExecutionStepDto[];
  /** Every attempt of every step, oldest first, for the run's history. */
  attempts: StepAttemptDto[];
  /** Set when a Condition / Rules step ended the run early. */
  stoppedAtStepId: string | null;
};

export type ExecutionPage = { executions: ExecutionSummaryDto[]; nextCursor: string | null };
