import "server-only";

import type { Db } from "@/lib/db";
import { outputTooLargeError } from "@/lib/workflows/sandbox/output-limit";
import { runInStepScope, startStepScope, type StepScope } from "@/lib/workflows/sandbox/step-limits";
import { getStepHandler } from "@/lib/workflows/steps/registry";
import type { RunContext, StepResult, StepServices } from "@/lib/workflows/steps/step-handler";
import type { WorkflowStep } from "@/lib/workflows/workflow-definition";

import type { RunSecrets } from "./run-secrets";

export type StepAttempt = {
  result?: StepResult;
  /** What the step threw (undefined when it succeeded). */
  failure?: unknown;
  timeout: AbortSignal;
  scope: StepScope;
};

/** Rejects when the signal aborts, so a step that ignores its signal still cannot hold the run. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Throws when a step's output is larger than the run may store. */
export function checkOutputSize(result: StepResult, maxOutputBytes: number): void {
  const bytes = Buffer.byteLength(JSON.stringify(result.output ?? null));
  if (bytes > maxOutputBytes) throw outputTooLargeError({ bytes, maxBytes: maxOutputBytes });
}

/**
 * Runs one step under its time limit, stopped early by the worker's shutdown or a lost lease.
 * Expressions the step evaluates (also from inside its transactions) run in the sandbox under
 * this step's scope. Never throws: a failure is returned.
 */
export async function runStep(opts: {
  step: WorkflowStep;
  startedAt: Date;
  context: RunContext;
  db: Db;
  secrets: RunSecrets;
  maxOutputBytes: number;
  stopSignals: AbortSignal[];
  commit: NonNullable<StepServices["commit"]>;
}): Promise<StepAttempt> {
  const { step } = opts;
  const scope = startStepScope({ timeoutSeconds: step.timeoutSeconds, stopSignals: opts.stopSignals });
  const { timeout, signal } = scope;
  try {
    opts.secrets.assertAvailable(step.config);
    const handler = getStepHandler(step.type);
    // The definition was validated when it was parsed (workflow-definition.ts): its config is the parsed one.
    const result = await untilAborted(
      runInStepScope(scope, () =>
        handler.run({
          config: step.config as never,
          context: opts.context,
          services: { db: opts.db, signal, commit: opts.commit },
        }),
      ),
      signal,
    );
    checkOutputSize(result, opts.maxOutputBytes);
    return { result, timeout, scope };
  } catch (failure) {
    return { failure: failure ?? new Error("The step failed"), timeout, scope };
  } finally {
    scope.end();
  }
}
