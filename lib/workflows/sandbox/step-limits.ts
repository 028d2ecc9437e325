import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

// The running step's time limit, carried to every expression it evaluates (directly, through a
// template, or from inside a database transaction) without threading a signal through each call.

export type StepLimits = {
  timeoutSeconds: number;
  /** Aborts on the step's timeout only. */
  timeout: AbortSignal;
  /** Aborts on the timeout, a shutdown or a lost lease: what stops the step's sandbox work. */
  signal: AbortSignal;
};

export type StepScope = StepLimits & {
  /**
   * Marks a sandbox task in flight; `isRunning` tells whether a thread has it (rather than it waiting
   * in the queue). Call the returned function when the task settles.
   */
  enterSandbox(isRunning: () => boolean): () => void;
  /**
   * Whether the timeout struck while one of the step's expressions was running on a thread: the
   * builder's expression, so retrying cannot help. Waiting behind other steps' work is not that.
   */
  timedOutInSandbox(): boolean;
};

const storage = new AsyncLocalStorage<StepScope>();

export function createStepScope(limits: StepLimits): StepScope {
  const inFlight = new Set<() => boolean>();
  let timedOut = false;
  limits.timeout.addEventListener("abort", () => (timedOut = [...inFlight].some((isRunning) => isRunning())), {
    once: true,
  });
  return {
    ...limits,
    enterSandbox(isRunning) {
      const entry = () => isRunning();
      inFlight.add(entry);
      return () => inFlight.delete(entry);
    },
    timedOutInSandbox: () => timedOut,
  };
}

export function runInStepScope<T>(scope: StepScope, run: () => Promise<T>): Promise<T> {
  return storage.run(scope, run);
}

/** The running step's scope, or, outside a run (tests, previews), a fresh one with the default limit. */
export function currentStepScope(defaultTimeoutSeconds: number): StepScope {
  const scope = storage.getStore();
  if (scope) return scope;
  const timeout = AbortSignal.timeout(defaultTimeoutSeconds * 1000);
  return createStepScope({ timeoutSeconds: defaultTimeoutSeconds, timeout, signal: timeout });
}
