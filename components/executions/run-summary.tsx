"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { formatDateTime } from "@/lib/client/format-date-time";
import { deliveryPagePath, runPagePath, triggersPagePath, workflowEditorPath } from "@/lib/client/page-paths";
import type { ExecutionDto } from "@/lib/executions/execution-dto";

import { attemptsLabel, formatDuration, isWaitingForRetry, triggerLabel } from "./format-run";

const linkClass = "font-medium text-indigo-600 hover:text-indigo-500";

/** The run at a glance: what ran, what started it, when, how long, and how it ended. */
export function RunSummary({ execution }: { execution: ExecutionDto }) {
  const { agentId } = execution;
  const waitingForRetry = isWaitingForRetry(execution);
  const rows: [string, ReactNode][] = [
    [
      "Workflow",
      <Link key="workflow" className={linkClass} href={workflowEditorPath(agentId, execution.workflow.id)}>
        {execution.workflow.name} v{execution.workflowVersion}
      </Link>,
    ],
    ["Trigger", <TriggerValue key="trigger" execution={execution} />],
    ["Attempt", attemptsLabel(execution)],
    ["Queued", formatDateTime(execution.createdAt, { compact: true })],
    ["Started", execution.startedAt ? formatDateTime(execution.startedAt, { compact: true }) : "—"],
    ["Finished", execution.finishedAt ? formatDateTime(execution.finishedAt, { compact: true }) : "—"],
    ["Duration", formatDuration(execution.durationMs)],
  ];
  if (waitingForRetry) rows.push(["Next attempt", formatDateTime(execution.runAt, { compact: true })]);

  return (
    <div className="space-y-4">
      <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {rows.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{term}</dt>
            <dd className="mt-0.5 truncate text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {execution.error && waitingForRetry ? (
        <div
          role="status"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          <span className="font-medium">Last attempt failed, will retry: </span>
          <span className="break-words whitespace-pre-wrap">{execution.error}</span>
        </div>
      ) : execution.error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
        >
          <span className="font-medium">Error: </span>
          <span className="break-words whitespace-pre-wrap">{execution.error}</span>
        </div>
      ) : null}
    </div>
  );
}

function TriggerValue({ execution }: { execution: ExecutionDto }) {
  const label = triggerLabel(execution);
  if (execution.trigger === "webhook" && execution.webhook) {
    return (
      <span>
        <Link className={linkClass} href={triggersPagePath(execution.agentId, execution.webhook.id)}>
          {label}
        </Link>
        {execution.deliveryId ? (
          <>
            {" · "}
            <Link
              className={linkClass}
              href={deliveryPagePath(execution.agentId, execution.webhook.id, execution.deliveryId)}
            >
              its delivery
            </Link>
          </>
        ) : null}
      </span>
    );
  }
  if (execution.replayOfId) {
    return (
      <span>
        {label} of{" "}
        <Link className={linkClass} href={runPagePath(execution.agentId, execution.replayOfId)}>
          an earlier run
        </Link>
      </span>
    );
  }
  return <span>{label}</span>;
}
