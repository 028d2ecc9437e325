import type { ExecutionStatus, ExecutionSummaryDto } from "@/lib/executions/execution-dto";

export const statusLabels: Record<ExecutionStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  canceled: "Canceled",
};

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/** What started the run: the webhook's name, or how a builder started it. */
export function triggerLabel(execution: Pick<ExecutionSummaryDto, "trigger" | "webhook">): string {
  if (execution.trigger === "webhook") return execution.webhook?.name ?? "Webhook";
  return { test: "Test", replay: "Replay", retry: "Retry" }[execution.trigger];
}

type AttemptCounts = Pick<ExecutionSummaryDto, "attempt" | "maxAttempts" | "attemptBase">;

/** Attempts counted from the latest manual retry, which grants the full policy again: never "3 of 2". */
export function attemptCounts(execution: AttemptCounts): { attempt: number; of: number } {
  const of = Math.max(1, execution.maxAttempts - execution.attemptBase);
  return { attempt: Math.min(of, Math.max(0, execution.attempt - execution.attemptBase)), of };
}

export function attemptsLabel(execution: AttemptCounts): string {
  const { attempt, of } = attemptCounts(execution);
  return `${attempt} of ${of}`;
}

/** A queued run whose last attempt failed is waiting out its backoff, not newly queued. */
export function isWaitingForRetry(execution: Pick<ExecutionSummaryDto, "status" | "error">): boolean {
  return execution.status === "queued" && execution.error !== null;
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/** "Retrying — attempt 2 of 3, next at 14:02:10" (local time), or null when the run is not waiting for a retry. */
export function retryingLabel(opts: {
  execution: AttemptCounts & Pick<ExecutionSummaryDto, "status" | "error" | "runAt">;
  now: Date;
  formatTime?: (date: Date) => string;
}): string | null {
  const { execution } = opts;
  if (!isWaitingForRetry(execution)) return null;
  const { attempt, of } = attemptCounts(execution);
  const next = `Retrying — attempt ${Math.min(of, attempt + 1)} of ${of}`;
  const runAt = new Date(execution.runAt);
  if (runAt <= opts.now) return next;
  return `${next}, next at ${(opts.formatTime ?? ((date) => timeOfDay.format(date)))(runAt)}`;
}
