"use client";

import Link from "next/link";
import { useState } from "react";

import { ExecutionStatusBadge } from "@/components/executions/execution-status-badge";
import { formatDuration } from "@/components/executions/format-run";
import { RunSteps } from "@/components/executions/run-steps";
import { useExecution } from "@/components/executions/use-executions";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { inputClass } from "@/components/ui/text-field";
import { runPagePath } from "@/lib/client/page-paths";

import { useTestRun } from "../use-workflow";

function parseBody(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** Runs the saved version with a sample trigger body and follows the run live, step by step. */
export function TestRunPanel(props: {
  agentId: string;
  workflowId: string;
  version: number;
  dirty: boolean;
  initialBody: string;
}) {
  const [bodyText, setBodyText] = useState(props.initialBody);
  const [executionId, setExecutionId] = useState<string | null>(null);
  const testRun = useTestRun(props.agentId, props.workflowId);
  const execution = useExecution(props.agentId, executionId);
  const body = parseBody(bodyText);
  const run = execution.data;

  return (
    <section
      aria-labelledby="test-run-heading"
      className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 id="test-run-heading" className="text-base font-semibold text-slate-900">
          Test run
        </h2>
        <p className="text-sm text-slate-600">
          Runs the saved version (v{props.version}) with this trigger body, as if a webhook had sent it.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="sample-body" className="block text-sm font-medium text-slate-800">
          Sample body (JSON)
        </label>
        <textarea
          id="sample-body"
          rows={8}
          spellCheck={false}
          value={bodyText}
          aria-invalid={body.error ? true : undefined}
          aria-describedby={body.error ? "sample-body-error" : undefined}
          onChange={(event) => setBodyText(event.target.value)}
          className={`${inputClass} font-mono text-[12.5px]`}
        />
        {body.error ? (
          <p id="sample-body-error" role="alert" className="text-sm text-red-600">
            {body.error}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        {props.dirty ? (
          <p id="test-run-hint" className="text-sm text-amber-700">
            Save first: Test run runs the saved version.
          </p>
        ) : null}
        <Button
          aria-describedby={props.dirty ? "test-run-hint" : undefined}
          disabled={props.dirty || Boolean(body.error) || testRun.isPending}
          onClick={() => testRun.mutate({ body: body.value }, { onSuccess: (started) => setExecutionId(started.id) })}
        >
          {testRun.isPending ? "Starting…" : "Test run"}
        </Button>
      </div>
      <ErrorNotice error={testRun.error ?? execution.error} />
      {executionId && !run && !execution.error ? (
        <p role="status" className="text-sm text-slate-500">
          Starting the run…
        </p>
      ) : null}
      {run ? (
        <div className="space-y-3 border-t border-slate-100 pt-3">
          <div className="flex flex-wrap items-center gap-3">
            <span role="status" className="flex items-center gap-3">
              <ExecutionStatusBadge status={run.status} />
              <span className="text-sm text-slate-600">
                v{run.workflowVersion} · {formatDuration(run.durationMs)}
              </span>
            </span>
            <Link
              href={runPagePath(props.agentId, run.id)}
              className="ml-auto text-sm font-medium text-indigo-600 hover:text-indigo-500"
            >
              Open run
            </Link>
          </div>
          {run.error ? (
            <p className="rounded-md bg-red-50 px-3 py-2 text-sm break-words whitespace-pre-wrap text-red-800 ring-1 ring-red-200 ring-inset">
              {run.error}
            </p>
          ) : null}
          <RunSteps key={run.id} run={run} label="Test run steps" openFinished compact />
        </div>
      ) : null}
    </section>
  );
}
