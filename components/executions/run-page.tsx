"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { DetailPage } from "@/components/ui/detail-page";
import { ErrorNotice } from "@/components/ui/error-notice";
import { JsonBlock } from "@/components/ui/json-block";
import { runPagePath, runsPagePath } from "@/lib/client/page-paths";
import type { ExecutionDto } from "@/lib/executions/execution-dto";

import { AttemptsHistory } from "./attempts-history";
import { ExecutionStatusBadge } from "./execution-status-badge";
import { retryingLabel } from "./format-run";
import { RunSteps } from "./run-steps";
import { RunSummary } from "./run-summary";
import { isActive, useExecution, useRetryExecution } from "./use-executions";

export function RunPage({ agentId, executionId }: { agentId: string; executionId: string }) {
  const execution = useExecution(agentId, executionId);
  return (
    <DetailPage
      query={execution}
      list={{ label: "Runs", href: runsPagePath(agentId), backLabel: "← Back to runs" }}
      crumb={{ label: executionId, mono: true }}
      notFound={{ title: "Run not found", message: `There is no run with id ${executionId} on this agent.` }}
      loadingLabel="Loading run…"
    >
      {(data) => <RunDetails execution={data} />}
    </DetailPage>
  );
}

function RunDetails({ execution }: { execution: ExecutionDto }) {
  const retry = useRetryExecution(execution.agentId, execution.id);
  const canBuild = useCurrentUser().can("builder");
  const router = useRouter();
  const [showTrigger, setShowTrigger] = useState(false);
  const retrying = retryingLabel({ execution, now: new Date() });

  function startRetry() {
    retry.mutate(undefined, {
      onSuccess: (next) => {
        if (next.id !== execution.id) router.push(runPagePath(execution.agentId, next.id));
      },
    });
  }

  return (
    <>
      <section
        aria-labelledby="run-heading"
        className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
      >
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="run-heading" className="text-lg font-semibold text-slate-900">
              Run of {execution.workflow.name}
            </h2>
            <ExecutionStatusBadge status={execution.status} retrying={retrying !== null} />
            {retrying ? <span className="text-sm font-medium text-amber-800">{retrying}</span> : null}
            {isActive(execution.status) ? <span className="text-xs text-slate-500">Updating live</span> : null}
          </div>
          {execution.status === "failed" && canBuild ? (
            <Button onClick={startRetry} disabled={retry.isPending}>
              {retry.isPending ? "Retrying…" : "Retry"}
            </Button>
          ) : null}
        </div>
        <ErrorNotice error={retry.error} />
        {retry.isSuccess && isActive(execution.status) ? (
          <p role="status" className="text-sm text-green-700">
            Retry queued with the full retry policy: the run resumes at the failed step.
          </p>
        ) : null}
        <RunSummary execution={execution} />
        <div className="border-t border-slate-100 pt-4">
          <button
            type="button"
            aria-expanded={showTrigger}
            aria-controls={showTrigger ? "trigger-context" : undefined}
            onClick={() => setShowTrigger(!showTrigger)}
            className="inline-flex items-center gap-1 text-sm font-medium text-slate-800 hover:text-indigo-600"
          >
            <span
              aria-hidden
              className={`inline-block text-slate-400 transition-transform ${showTrigger ? "rotate-90" : ""}`}
            >
              ▸
            </span>
            Trigger body and headers
          </button>
          {showTrigger ? (
            <div id="trigger-context" className="mt-3 grid gap-3 lg:grid-cols-2">
              <div className="min-w-0 space-y-1">
                <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Body</h3>
                <JsonBlock value={execution.context.body} label="Trigger body" />
              </div>
              <div className="min-w-0 space-y-1">
                <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Headers</h3>
                <JsonBlock value={execution.context.headers} label="Trigger headers" />
              </div>
            </div>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-base font-semibold text-slate-900">
          Steps
        </h2>
        <RunSteps run={execution} />
      </section>
      <section aria-labelledby="attempts-heading" className="space-y-3">
        <h2 id="attempts-heading" className="text-base font-semibold text-slate-900">
          Attempts
        </h2>
        {execution.attemptBase > 0 ? (
          <p className="text-sm text-slate-600">
            Numbered across the whole run: the latest manual retry started over at attempt {execution.attemptBase + 1}.
          </p>
        ) : null}
        <AttemptsHistory attempts={execution.attempts} />
      </section>
    </>
  );
}
