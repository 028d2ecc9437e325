import "server-only";

import type { Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { createId } from "@/lib/ids";
import { outputTooLargeError } from "@/lib/workflows/sandbox/output-limit";
import { createStepScope, runInStepScope } from "@/lib/workflows/sandbox/step-limits";
import { getStepHandler } from "@/lib/workflows/steps/registry";
import { PermanentStepError, stepInputOf, type StepResult } from "@/lib/workflows/steps/step-handler";
import { stepConfigSchemas } from "@/lib/workflows/steps/step-schemas";
import { parseStoredDefinition, type WorkflowDefinition } from "@/lib/workflows/workflow-definition";

import { computeBackoffMs } from "./backoff";
import { finishExecution, releaseExecution } from "./finish-execution";
import { LostLeaseError, renewLease, writeUnderLease } from "./lease";
import { buildRunContext, toStoredJson } from "./run-context";
import { loadRunSecrets } from "./run-secrets";

export type RunOutcome = "succeeded" | "failed" | "retrying" | "released" | "lost";

type RunOptions = { db: Db; executionId: string; workerId: string; leaseMs: number; shutdownSignal: AbortSignal };

/** Rejects when the signal aborts, so a step that ignores its signal still cannot hold the run. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Runs one claimed execution of its recorded workflow version, step by step. Steps that already
 * succeeded in an earlier attempt are not run again (their stored output is reused), so a retry
 * or a run taken over from a crashed worker resumes at the first step without a result.
 */
export async function runExecution(opts: RunOptions): Promise<RunOutcome> {
  const { db, executionId, workerId, leaseMs } = opts;
  const maxOutputBytes = getEnv().WORKFLOW_STEP_MAX_OUTPUT_BYTES;
  const execution = await db.execution.findUnique({
    where: { id: executionId },
    include: {
      delivery: { select: { body: true, headers: true, receivedAt: true, webhookId: true } },
      agent: { select: { id: true, name: true } },
      stepRuns: { where: { status: "succeeded" }, select: { stepId: true, output: true } },
    },
  });
  if (!execution || execution.leaseOwner !== workerId || execution.status !== "running") return "lost";
  const finish = (
    status: "succeeded" | "failed",
    fields: { error?: string | null; stoppedAtStepId?: string | null } = {},
  ) =>
    finishExecution({ db, executionId, workerId, status, ...fields }).catch((error): RunOutcome => {
      if (error instanceof LostLeaseError) return "lost";
      throw error;
    });

  if (execution.attempt > execution.maxAttempts) {
    return finish("failed", {
      error: `Gave up after ${execution.maxAttempts - execution.attemptBase} attempts: the worker running it stopped before finishing`,
    });
  }
  const version = await db.workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: execution.workflowId, version: execution.workflowVersion } },
  });
  if (!version) return finish("failed", { error: `Workflow version ${execution.workflowVersion} no longer exists` });
  let definition: WorkflowDefinition;
  try {
    definition = parseStoredDefinition(version.definition);
  } catch {
    // E.g. a definition saved before step types existed. Throwing here would leave the run
    // "running" until its lease expired, again on every attempt; retrying cannot fix it.
    return finish("failed", {
      error: `Workflow version ${execution.workflowVersion} is not a valid definition (saved in an older format?): save the workflow again and run it anew`,
    });
  }
  let context: ReturnType<typeof buildRunContext>;
  try {
    context = buildRunContext(execution);
  } catch (error) {
    // E.g. a body stored before the endpoint refused deep nesting: no attempt can read it.
    return finish("failed", { error: `${(error as Error).message}: the run cannot start` });
  }
  const secrets = await loadRunSecrets({ db, agentId: execution.agentId, definition });
  context.secrets = secrets.values;
  const succeeded = new Map(execution.stepRuns.map((run) => [run.stepId, run.output]));

  // Renew the lease while steps run; losing it (another worker took the run) aborts this one.
  const lost = new AbortController();
  const renewal = setInterval(
    () => {
      renewLease({ db, executionId, workerId, leaseMs }).then(
        (held) => held || lost.abort(new LostLeaseError(executionId)),
        () => undefined,
      );
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );

  try {
    for (const [stepIndex, step] of definition.steps.entries()) {
      if (succeeded.has(step.id)) {
        context.steps[step.id] = JSON.parse(succeeded.get(step.id) ?? "null");
        if (execution.stoppedAtStepId === step.id) break;
        continue;
      }
      if (opts.shutdownSignal.aborted) {
        await releaseExecution({ db, executionId, workerId });
        return "released";
      }
      const startedAt = new Date();
      const timeout = AbortSignal.timeout(step.timeoutSeconds * 1000);
      const signal = AbortSignal.any([timeout, opts.shutdownSignal, lost.signal]);
      // Expressions the step evaluates (also from inside its transactions) run in the sandbox under this scope.
      const scope = createStepScope({ timeoutSeconds: step.timeoutSeconds, timeout, signal });
      let result: StepResult | undefined;
      let failure: unknown;
      try {
        secrets.assertAvailable(step.config);
        const config = stepConfigSchemas[step.type].parse(step.config);
        result = await untilAborted(
          runInStepScope(scope, () =>
            getStepHandler(step.type).run({ config: config as never, context, services: { db, signal } }),
          ),
          signal,
        );
        const bytes = Buffer.byteLength(JSON.stringify(result.output ?? null));
        if (bytes > maxOutputBytes) throw outputTooLargeError({ bytes, maxBytes: maxOutputBytes });
      } catch (error) {
        failure = error;
      }
      if (lost.signal.aborted) return "lost";
      if (failure !== undefined && opts.shutdownSignal.aborted) {
        await releaseExecution({ db, executionId, workerId });
        return "released";
      }

      const finishedAt = new Date();
      // Everything stored from here on is redacted: the run log must not show a secret's value.
      const message = secrets.redact.text(
        timeout.aborted
          ? `Step timed out after ${step.timeoutSeconds} s`
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
      await writeUnderLease({
        db,
        executionId,
        workerId,
        leaseMs,
        write: (tx) =>
          tx.stepRun.create({
            data: {
              id: createId("step"),
              executionId,
              stepId: step.id,
              stepIndex,
              stepType: step.type,
              attempt: execution.attempt,
              status: failure === undefined ? "succeeded" : "failed",
              input: toStoredJson(secrets.redact.value(result?.input ?? stepInputOf(failure) ?? step.config)),
              output: failure === undefined ? toStoredJson(secrets.redact.value(result?.output)) : null,
              error: failure === undefined ? null : message,
              startedAt,
              finishedAt,
              durationMs: finishedAt.getTime() - startedAt.getTime(),
            },
          }),
      });

      if (failure !== undefined) {
        // A timeout during an expression is the expression's doing (a loop, a runaway regex): it would time out again.
        const permanent = failure instanceof PermanentStepError || scope.timedOutInSandbox();
        if (permanent || execution.attempt >= execution.maxAttempts)
          return finish("failed", { error: `${step.id}: ${message}` });
        // Counted from the latest manual retry, which starts the policy's backoff over.
        const delayMs = computeBackoffMs({
          attempt: execution.attempt - execution.attemptBase,
          baseSeconds: definition.retry.backoffSeconds,
        });
        const { count } = await db.execution.updateMany({
          where: { id: executionId, leaseOwner: workerId, status: "running" },
          data: {
            status: "queued",
            runAt: new Date(Date.now() + delayMs),
            leaseOwner: null,
            leaseExpiresAt: null,
            error: `${step.id}: ${message}`,
          },
        });
        return count === 0 ? "lost" : "retrying";
      }
      context.steps[step.id] = result?.output ?? null;
      if (result?.stop) return finish("succeeded", { stoppedAtStepId: step.id });
    }
    return finish("succeeded");
  } catch (error) {
    if (error instanceof LostLeaseError) return "lost";
    throw error;
  } finally {
    clearInterval(renewal);
  }
}
