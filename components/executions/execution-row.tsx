"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";

import { formatDateTime } from "@/lib/client/format-date-time";
import { runPagePath } from "@/lib/client/page-paths";
import type { ExecutionSummaryDto } from "@/lib/executions/execution-dto";

import { ExecutionStatusBadge } from "./execution-status-badge";
import { attemptsLabel, formatDuration, isWaitingForRetry, triggerLabel } from "./format-run";

export const executionColumns = ["Status", "Workflow", "Trigger", "Started", "Duration", "Attempts"];

/** One run; its start time links to the run page, and a click anywhere on the row opens it too. */
export function ExecutionRow({ execution }: { execution: ExecutionSummaryDto }) {
  const router = useRouter();
  const href = runPagePath(execution.agentId, execution.id);
  const started = execution.startedAt ?? execution.createdAt;

  return (
    <tr onClick={() => router.push(href)} className="cursor-pointer bg-white hover:bg-slate-50">
      <td className="px-4 py-3 whitespace-nowrap">
        <ExecutionStatusBadge status={execution.status} retrying={isWaitingForRetry(execution)} />
      </td>
      <td className="px-4 py-3">
        <span className="font-medium text-slate-900">{execution.workflow.name}</span>{" "}
        <span className="text-slate-500">v{execution.workflowVersion}</span>
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-700">{triggerLabel(execution)}</td>
      <td className="px-4 py-3 whitespace-nowrap">
        <Link
          href={href}
          onClick={(event) => event.stopPropagation()}
          className="font-medium text-indigo-600 hover:text-indigo-500"
          title={execution.startedAt ? undefined : "Queued, not started yet"}
        >
          <span className="sr-only">Open run started </span>
          <time dateTime={started}>{formatDateTime(started, { compact: true })}</time>
        </Link>
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-700 tabular-nums">
        {formatDuration(execution.durationMs)}
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-700 tabular-nums">{attemptsLabel(execution)}</td>
    </tr>
  );
}
