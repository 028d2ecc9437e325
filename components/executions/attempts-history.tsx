import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/client/format-date-time";
import type { StepAttemptDto } from "@/lib/executions/execution-dto";

import { formatDuration } from "./format-run";

const attemptColumns = ["Finished", "Step", "Attempt", "Result", "Duration", "Error"];

/** Every attempt of every step, oldest first: where retries happened and why. */
export function AttemptsHistory({ attempts }: { attempts: StepAttemptDto[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No step has run yet.</p>;
  return (
    <DataTable caption="Attempts" columns={attemptColumns}>
      {attempts.map((attempt) => (
        <tr key={attempt.id} className="align-top">
          <td className="px-4 py-2 whitespace-nowrap text-slate-700">
            {formatDateTime(attempt.finishedAt, { compact: true })}
          </td>
          <td className="px-4 py-2 font-mono text-[13px] text-slate-800">{attempt.stepId}</td>
          <td className="px-4 py-2 text-slate-700 tabular-nums">{attempt.attempt}</td>
          <td className="px-4 py-2">
            {attempt.status === "succeeded" ? <Badge tone="green">Succeeded</Badge> : <Badge tone="red">Failed</Badge>}
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-700 tabular-nums">
            {formatDuration(attempt.durationMs)}
          </td>
          <td className="min-w-64 px-4 py-2 break-words text-slate-700">{attempt.error ?? "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
