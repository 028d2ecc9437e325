"use client";

import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { JsonBlock } from "@/components/ui/json-block";
import type { ExecutionDto, ExecutionStepDto } from "@/lib/executions/execution-dto";
import { stepTypeLabels, type StepType } from "@/lib/workflows/steps/step-schemas";

import { StepStatusBadge, type StepDisplayStatus } from "./execution-status-badge";
import { formatDuration } from "./format-run";

type Run = Pick<ExecutionDto, "status" | "steps" | "stoppedAtStepId">;

function displayStatus(run: Run, step: ExecutionStepDto): StepDisplayStatus {
  // A queued run retries its failed step: that failure is the last attempt's, not the outcome.
  if (step.status === "failed" && run.status === "queued") return "waiting";
  if (step.status !== "pending") return step.status;
  const stopIndex = run.steps.findIndex((candidate) => candidate.stepId === run.stoppedAtStepId);
  if (stopIndex >= 0 && step.stepIndex > stopIndex) return "skipped";
  if (run.status === "succeeded" || run.status === "failed" || run.status === "canceled") return "skipped";
  const firstPending = run.steps.find((candidate) => candidate.status === "pending");
  if (run.status === "running" && firstPending?.stepId === step.stepId) return "running";
  return run.status === "queued" && firstPending?.stepId === step.stepId ? "waiting" : "pending";
}

/**
 * Each step of a run with its status, attempt and duration; a step opens to show its input, output
 * and error. Failed steps start open; `openFinished` also opens every step that ran (Test run).
 */
export function RunSteps(props: { run: Run; label?: string; openFinished?: boolean; compact?: boolean }) {
  const { run, label = "Steps", openFinished = false, compact = false } = props;
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  if (run.steps.length === 0) return <p className="text-sm text-slate-500">This workflow version has no steps.</p>;

  return (
    <ol aria-label={label} className="space-y-2">
      {run.steps.map((step) => {
        const status = displayStatus(run, step);
        const open = toggled[step.stepId] ?? (status === "failed" || (openFinished && status === "succeeded"));
        const detailId = `step-${label.replace(/\W/g, "")}-${step.stepId}`;
        return (
          <li key={step.stepId} className="rounded-lg bg-white ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5">
              <button
                type="button"
                aria-expanded={open}
                aria-controls={open ? detailId : undefined}
                onClick={() => setToggled({ ...toggled, [step.stepId]: !open })}
                className={`flex min-w-0 flex-1 items-center gap-2 ${compact ? "basis-full" : "basis-48"} text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-600`}
              >
                <span
                  aria-hidden
                  className={`inline-block text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}
                >
                  ▸
                </span>
                <span className="grid h-5 w-5 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-medium text-slate-600">
                  {step.stepIndex + 1}
                </span>
                <span className="truncate font-medium text-slate-900">{step.name || step.stepId}</span>
                {step.name ? <span className="truncate font-mono text-xs text-slate-500">{step.stepId}</span> : null}
              </button>
              <span className={`flex items-center gap-3 ${compact ? "basis-full pl-11" : ""}`}>
                <span className="text-xs text-slate-500">
                  {stepTypeLabels[step.stepType as StepType] ?? step.stepType}
                </span>
                {run.stoppedAtStepId === step.stepId ? <Badge tone="indigo">Stopped here</Badge> : null}
                <StepStatusBadge status={status} />
                {step.attempt && step.attempt > 1 ? (
                  <span className="text-xs text-slate-500">Attempt {step.attempt}</span>
                ) : null}
                <span className={`text-xs text-slate-500 tabular-nums ${compact ? "ml-auto" : "w-16 text-right"}`}>
                  {formatDuration(step.durationMs)}
                </span>
              </span>
            </div>
            {open ? <StepDetail id={detailId} step={step} status={status} compact={compact} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

function StepDetail({
  id,
  step,
  status,
  compact,
}: {
  id: string;
  step: ExecutionStepDto;
  status: StepDisplayStatus;
  compact: boolean;
}) {
  if (status !== "succeeded" && status !== "failed") {
    return (
      <div id={id} className="border-t border-slate-100 px-3 py-3 text-sm text-slate-500">
        {status === "skipped" ? "This step did not run." : "This step has not run yet."}
      </div>
    );
  }
  return (
    <div id={id} className="space-y-3 border-t border-slate-100 px-3 py-3">
      {step.error ? (
        <div className="space-y-1">
          <h4 className="text-xs font-medium tracking-wide text-red-700 uppercase">Error</h4>
          <p className="rounded-md bg-red-50 px-3 py-2 font-mono text-[13px] break-words whitespace-pre-wrap text-red-800 ring-1 ring-red-200 ring-inset">
            {step.error}
          </p>
        </div>
      ) : null}
      <div className={`grid gap-3 ${compact ? "" : "lg:grid-cols-2"}`}>
        <div className="min-w-0 space-y-1">
          <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Input</h4>
          <JsonBlock value={step.input} label={`Input of ${step.stepId}`} />
        </div>
        <div className="min-w-0 space-y-1">
          <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Output</h4>
          <JsonBlock
            value={status === "failed" && step.output == null ? undefined : step.output}
            label={`Output of ${step.stepId}`}
          />
        </div>
      </div>
    </div>
  );
}
