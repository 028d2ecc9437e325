import "server-only";

import type { Db } from "@/lib/db";
import { getRawSql } from "@/lib/db/raw-sql";
import type { SqlScript } from "@/lib/db/sql-script";
import { getEnv } from "@/lib/env";
import { findClaimedExecution, type ClaimedExecution } from "@/lib/executions/claimed-execution";
import {
  extendExecutionLease,
  finishExecution,
  releaseExecution,
  requeueExecution,
} from "@/lib/executions/execution-state";
import { getStepHandler } from "@/lib/workflows/steps/registry";
import { PermanentStepError, type StepResult } from "@/lib/workflows/steps/step-handler";

import { loadWorkflowDefinition } from "./definition-cache";
import { LostLeaseError, renewLease } from "./lease";
import { buildRunContext } from "./run-context";
import { createRunLog, type Progress } from "./run-log";
import { loadRunSecrets } from "./run-secrets";
import { checkOutputSize, runStep } from "./run-step";
import { toStepLogRow, type StepLogRow } from "./step-log";

export type RunOutcome = "succeeded" | "failed" | "retrying" | "released" | "lost";

type RunOptions = { db: Db; workerId: string; leaseMs: number; shutdownSignal: AbortSignal };

/** Runs a claimed execution by id, e.g. one claimed with claimExecutions (claim-executions.ts). */
export async function runExecution(opts: RunOptions & { executionId: string }): Promise<RunOutcome> {
  const execution = await findClaimedExecution({ sql: getRawSql(opts.db), ...opts });
  return execution ? runClaimedExecution({ ...opts, execution }) : "lost";
}

/**
 * Runs one claimed execution of its recorded workflow version, step by step. Steps that already
 * succeeded in an earlier attempt are not run again (their stored output is reused), so a retry
 * or a run taken over from a crashed worker resumes at the first step without a result. Each
 * step's row commits with the run's next state (run-log.ts); a pure step's row waits for the next
 * commit, a step's own database writes commit with its row.
 */
export async function runClaimedExecution(opts: RunOptions & { execution: ClaimedExecution }): Promise<RunOutcome> {
  const { db, execution, workerId, leaseMs } = opts;
  const executionId = execution.id;
  const sql = getRawSql(db);
  const log = createRunLog({ sql, executionId });
  const finish = (fields: { status: "succeeded" | "failed"; error?: string; stoppedAtStepId?: string }) => () =>
    finishExecution({ executionId, workerId, ...fields });
  const extend = () => extendExecutionLease({ executionId, workerId, leaseMs });
  /** Records the rows and the transition; the outcome, or "lost" when the run is no longer this worker's. */
  const end = (outcome: RunOutcome, rows: StepLogRow[], transition: () => SqlScript<boolean>) =>
    log.record({ rows, transition }).then(
      (): RunOutcome => outcome,
      (error): RunOutcome => {
        if (error instanceof LostLeaseError) return "lost";
        throw error;
      },
    );
  const fail = (error: string) => end("failed", [], finish({ status: "failed", error }));

  if (execution.attempt > execution.maxAttempts)
    return fail(
      `Gave up after ${execution.maxAttempts - execution.attemptBase} attempts: the worker running it stopped before finishing`,
    );
  const loaded = await loadWorkflowDefinition({
    sql,
    workflowId: execution.workflowId,
    version: execution.workflowVersion,
  });
  if (loaded.kind === "missing") return fail(`Workflow version ${execution.workflowVersion} no longer exists`);
  // Throwing here would leave the run "running" until its lease expired, again on every attempt; retrying cannot fix it.
  if (loaded.kind === "invalid")
    return fail(
      `Workflow version ${execution.workflowVersion} is not a valid definition (saved in an older format?): save the workflow again and run it anew`,
    );
  const { definition } = loaded;
  let context: ReturnType<typeof buildRunContext>;
  try {
    context = buildRunContext(execution);
  } catch (error) {
    // E.g. a body stored before the endpoint refused deep nesting: no attempt can read it.
    return fail(`${(error as Error).message}: the run cannot start`);
  }
  const secrets = await loadRunSecrets({ db, agentId: execution.agentId, definition });
  context.secrets = secrets.values;
  const maxOutputBytes = getEnv().WORKFLOW_STEP_MAX_OUTPUT_BYTES;

  // Renew the lease while steps run; losing it (another worker took the run) aborts this one.
  const lost = new AbortController();
  const renewal = setInterval(
    () => {
      renewLease({ sql, executionId, workerId, leaseMs }).then(
        (held) => held || lost.abort(new LostLeaseError(executionId)),
        () => undefined,
      );
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );

  try {
    for (const [stepIndex, step] of definition.steps.entries()) {
      if (execution.succeededSteps.has(step.id)) {
        context.steps[step.id] = JSON.parse(execution.succeededSteps.get(step.id) ?? "null");
        if (execution.stoppedAtStepId === step.id) break;
        continue;
      }
      if (opts.shutdownSignal.aborted) return end("released", [], () => releaseExecution({ executionId, workerId }));
      const isLast = stepIndex === definition.steps.length - 1;
      const startedAt = new Date();
      const rowOf = (fields: { result?: StepResult; failure?: unknown; error?: string }) =>
        toStepLogRow({ execution, step, stepIndex, startedAt, redact: secrets.redact, ...fields });
      /** After a success: the run ends with the last step or a stop, else it goes on under an extended lease. */
      const progressAfter = (result: StepResult): Progress => ({
        rows: [rowOf({ result })],
        transition: result.stop
          ? finish({ status: "succeeded", stoppedAtStepId: step.id })
          : isLast
            ? finish({ status: "succeeded" })
            : extend,
      });

      // A step with database writes commits them with its row (StepServices.commit); then it is done, whatever follows.
      let committed: { result: StepResult; ended: boolean } | undefined;
      let committing: Promise<unknown> | undefined;
      const attempt = await runStep({
        step,
        startedAt,
        context,
        db,
        secrets,
        maxOutputBytes,
        stopSignals: [opts.shutdownSignal, lost.signal],
        commit: (script) => {
          const commit = log.commit(script, (result) => {
            checkOutputSize(result, maxOutputBytes);
            return progressAfter(result);
          });
          committing = commit.then((result) => {
            committed = { result, ended: Boolean(result.stop) || isLast };
          });
          return commit;
        },
      });
      // A commit still in flight when the step was stopped decides what happened.
      await committing?.catch(() => undefined);
      if (committed) {
        context.steps[step.id] = committed.result.output ?? null;
        if (committed.ended) return "succeeded";
        continue;
      }
      const { result, failure } = attempt;
      if (lost.signal.aborted || failure instanceof LostLeaseError) return "lost";
      if (failure === undefined && result) {
        context.steps[step.id] = result.output ?? null;
        const progress = progressAfter(result);
        if (result.stop || isLast) return end("succeeded", progress.rows, progress.transition);
        if (getStepHandler(step.type).pure) log.defer(progress.rows[0]);
        else await log.record(progress);
        continue;
      }
      if (opts.shutdownSignal.aborted) return end("released", [], () => releaseExecution({ executionId, workerId }));
      const message = secrets.redact.text(
        attempt.timeout.aborted
          ? `Step timed out after ${step.timeoutSeconds} s`
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
      const error = `${step.id}: ${message}`;
      const rows = [rowOf({ failure, error: message })];
      // A timeout during an expression is the expression's doing (a loop, a runaway regex): it would time out again.
      const permanent = failure instanceof PermanentStepError || attempt.scope.timedOutInSandbox();
      if (permanent || execution.attempt >= execution.maxAttempts)
        return end("failed", rows, finish({ status: "failed", error }));
      return end("retrying", rows, () =>
        requeueExecution({
          executionId,
          workerId,
          attempt: execution.attempt - execution.attemptBase,
          backoffSeconds: definition.retry.backoffSeconds,
          error,
        }),
      );
    }
    return end("succeeded", [], finish({ status: "succeeded" }));
  } catch (error) {
    if (error instanceof LostLeaseError) return "lost";
    throw error;
  } finally {
    clearInterval(renewal);
  }
}
