import { Badge } from "@/components/ui/badge";
import type { ExecutionStatus, StepRunStatus } from "@/lib/executions/execution-dto";

import { statusLabels } from "./format-run";

const tones = { queued: "indigo", running: "amber", succeeded: "green", failed: "red", canceled: "slate" } as const;

/** `retrying` marks a queued run waiting out the backoff after a failed attempt. */
export function ExecutionStatusBadge({ status, retrying = false }: { status: ExecutionStatus; retrying?: boolean }) {
  if (retrying && status === "queued") return <Badge tone="amber">Retrying</Badge>;
  return (
    <Badge tone={tones[status] ?? "slate"}>
      {status === "running" ? (
        <span aria-hidden className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-amber-500" />
      ) : null}
      {statusLabels[status] ?? status}
    </Badge>
  );
}

/** A step's state within its run: pending steps read "Running", "Waiting" or "Not run" depending on the run. */
export type StepDisplayStatus = StepRunStatus | "running" | "waiting" | "skipped";

const stepBadges: Record<StepDisplayStatus, { tone: "green" | "red" | "amber" | "slate" | "indigo"; label: string }> = {
  succeeded: { tone: "green", label: "Succeeded" },
  failed: { tone: "red", label: "Failed" },
  pending: { tone: "slate", label: "Pending" },
  running: { tone: "amber", label: "Running" },
  waiting: { tone: "indigo", label: "Waiting" },
  skipped: { tone: "slate", label: "Not run" },
};

export function StepStatusBadge({ status }: { status: StepDisplayStatus }) {
  const badge = stepBadges[status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}
