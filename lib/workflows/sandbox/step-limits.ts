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

/** A step's scope with its own deadline; `end()` when the step is over. */
export type OwnedStepScope = StepScope & { end(): void };

/**
 * A scope whose timeout starts now and whose signal also aborts when any of `stopSignals` does.
 * Not AbortSignal.timeout and AbortSignal.any: those cannot be let go of early, so every finished
 * step left a timer pending for its whole limit and a link from the worker's long-lived shutdown
 * signal, and with them its run's context (hundreds of MB at 1,000 runs/s). `end()` clears the
 * timer and every listener; what the scope observed (timeout.aborted, timedOutInSandbox) stays.
 */
export function startStepScope(opts: { timeoutSeconds: number; stopSignals: AbortSignal[] }): OwnedStepScope {
  const timeout = new AbortController();
  const stop = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    opts.timeoutSeconds * 1000,
  );
  const sources = [timeout.signal, ...opts.stopSignals];
  const onAbort = (event: Event) => stop.abort((event.target as AbortSignal).reason);
  for (const source of sources) {
    if (source.aborted) {
      stop.abort(source.reason);
      break;
    }
    source.addEventListener("abort", onAbort, { once: true });
  }
  const scope = createStepScope({ timeoutSeconds: opts.timeoutSeconds, timeout: timeout.signal, signal: stop.signal });
  return {
    ...scope,
    end() {
      clearTimeout(timer);
      for (const source of sources) source.removeEventListener("abort", onAbort);
      scope.end();
    },
  };
}

function createStepScope(limits: StepLimits): StepScope & { end(): void } {
  const inFlight = new Set<() => boolean>();
  let timedOut = false;
  const onTimeout = () => (timedOut = [...inFlight].some((isRunning) => isRunning()));
  limits.timeout.addEventListener("abort", onTimeout, { once: true });
  return {
    ...limits,
    enterSandbox(isRunning) {
      const entry = () => isRunning();
      inFlight.add(entry);
      return () => inFlight.delete(entry);
    },
    timedOutInSandbox: () => timedOut,
    end: () => limits.timeout.removeEventListener("abort", onTimeout),
  };
}

export function runInStepScope<T>(scope: StepScope, run: () => Promise<T>): Promise<T> {
  return storage.run(scope, run);
}

/**
 * Runs `run` in the running step's scope, or, outside a run (tests, previews), in a fresh one with
 * the default limit that ends with it.
 */
export async function inCurrentStepScope<T>(
  defaultTimeoutSeconds: number,
  run: (scope: StepScope) => Promise<T>,
): Promise<T> {
  const current = storage.getStore();
  if (current) return run(current);
  const scope = startStepScope({ timeoutSeconds: defaultTimeoutSeconds, stopSignals: [] });
  try {
    return await run(scope);
  } finally {
    scope.end();
  }
}
