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

export function attemptsLabel(execution: Pick<ExecutionSummaryDto, "attempt" | "maxAttempts">): string {
  return `${execution.attempt} of ${execution.maxAttempts}`;
}
