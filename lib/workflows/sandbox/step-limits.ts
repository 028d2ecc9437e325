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
  /** Marks sandbox work in flight; call the returned function when it settles. */
  enterSandbox(): () => void;
  /** Whether the timeout struck while an expression ran: the builder's expression, so retrying cannot help. */
  timedOutInSandbox(): boolean;
};

const storage = new AsyncLocalStorage<StepScope>();

export function createStepScope(limits: StepLimits): StepScope {
  let inFlight = 0;
  let timedOut = false;
  limits.timeout.addEventListener("abort", () => (timedOut = inFlight > 0), { once: true });
  return {
    ...limits,
    enterSandbox() {
      inFlight++;
      let left = false;
      return () => {
        if (!left) inFlight--;
        left = true;
      };
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
