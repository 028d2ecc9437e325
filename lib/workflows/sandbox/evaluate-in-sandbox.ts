import "server-only";

import { getEnv } from "@/lib/env";

import { PermanentStepError } from "../steps/step-handler";
import { outputTooLargeError } from "./output-limit";
import { getSandboxPool } from "./sandbox-pool";
import { inCurrentStepScope, type StepScope } from "./step-limits";

// Sends one step's expressions to the pool as a single task (the context crosses threads once) and
// turns what can go wrong there into step failures: the expression's own error, a timeout, memory.

export type SandboxJob =
  | { kind: "expression"; expression: string; bindings?: Record<string, unknown> }
  /** A {{ }} template whose value keeps its type when it is exactly one template. */
  | { kind: "template"; template: string }
  /** A template rendered as text. */
  | { kind: "text"; template: string }
  /** Any JSON value whose strings are templates. */
  | { kind: "value"; value: unknown };

type TaskAnswer =
  | { json: string }
  | { failure: { expression: string; message: string; code?: string } }
  | { tooLarge: { bytes: number } };

// JSONata's code for an expression's own $error("…"): the builder's words, shown as written.
const RAISED_BY_EXPRESSION = "D3137";

/** A failed expression, named (shortened) with JSONata's message. Permanent: the same input fails the same way. */
export class ExpressionError extends PermanentStepError {
  constructor(expression: string, cause: unknown) {
    const detail = (cause as { message?: string })?.message ?? String(cause);
    const raised = (cause as { code?: string })?.code === RAISED_BY_EXPRESSION;
    super(
      raised
        ? detail
        : `Expression ${JSON.stringify(expression.length > 80 ? `${expression.slice(0, 77)}…` : expression)} failed: ${detail}`,
    );
  }
}

// Outside a run (nothing set a step scope) expressions get a step's default timeout.
const DEFAULT_TIMEOUT_SECONDS = 30;
// Evaluation stops itself at this share of the thread's heap, before Node's hard limit (see the worker).
const HEAP_BUDGET_SHARE = 0.75;

// This process's unfinished tasks, oldest first. Piscina's queue is first in, first out and a
// thread runs one task at a time, so the oldest `threads` of them are the ones running.
const pendingTasks = new Set<object>();

function isRunning(token: object, threads: number): boolean {
  let position = 0;
  for (const pending of pendingTasks) {
    if (pending === token) return position < threads;
    if (++position >= threads) return false;
  }
  return false;
}

function isLiteral(job: SandboxJob): job is Exclude<SandboxJob, { kind: "expression" }> {
  if (job.kind === "expression") return false;
  const text = job.kind === "value" ? (JSON.stringify(job.value ?? null) ?? "") : job.template;
  return !text.includes("{{");
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** Node's hard heap limit, or the worker's own earlier stop (it ends its thread with exit code 75). */
function isOutOfMemory(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    (error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY" || error.message === "worker exited with code: 75"
  );
}

/** One pool task under the scope's limits: a timeout, shutdown or lost lease aborts it on its thread. */
async function runTask(opts: {
  context: unknown;
  jobs: SandboxJob[];
  scope: StepScope;
  env: ReturnType<typeof getEnv>;
}): Promise<TaskAnswer> {
  const { scope, env } = opts;
  const memoryMb = env.WORKFLOW_SANDBOX_MEMORY_MB;
  const memoryError = () => new PermanentStepError(`Step used more than ${memoryMb} MB`);
  if (scope.signal.aborted) throw scope.timeout.aborted ? timedOut(scope) : scope.signal.reason;
  const token = {};
  pendingTasks.add(token);
  const leave = scope.enterSandbox(() => isRunning(token, env.WORKFLOW_SANDBOX_THREADS));
  try {
    return await getSandboxPool().run(
      {
        context: opts.context,
        jobs: opts.jobs,
        maxOutputBytes: env.WORKFLOW_STEP_MAX_OUTPUT_BYTES,
        heapBudgetMb: Math.floor(memoryMb * HEAP_BUDGET_SHARE),
      },
      { signal: scope.signal },
    );
  } catch (error) {
    if (isAbort(error)) throw scope.timeout.aborted ? timedOut(scope) : scope.signal.reason;
    if (isOutOfMemory(error)) throw memoryError();
    throw error;
  } finally {
    pendingTasks.delete(token);
    leave();
  }
}

/** Every job's result, in order, evaluated over `context` in a pool thread under the running step's limits. */
export async function evaluateInSandbox(opts: { context: unknown; jobs: SandboxJob[] }): Promise<unknown[]> {
  // Text without a template renders to itself: no task for that.
  if (opts.jobs.every(isLiteral)) return opts.jobs.map((job) => ("template" in job ? job.template : job.value));
  const env = getEnv();
  const answer = await inCurrentStepScope(DEFAULT_TIMEOUT_SECONDS, (scope) => runTask({ ...opts, scope, env }));
  if ("failure" in answer) throw new ExpressionError(answer.failure.expression, answer.failure);
  if ("tooLarge" in answer)
    throw outputTooLargeError({ bytes: answer.tooLarge.bytes, maxBytes: env.WORKFLOW_STEP_MAX_OUTPUT_BYTES });
  return JSON.parse(answer.json) as unknown[];
}

/** Permanent when the step's own expression was running; retryable when it only waited for a thread. */
function timedOut(scope: StepScope): Error {
  const message = `Step timed out after ${scope.timeoutSeconds} s`;
  return scope.timedOutInSandbox() ? new PermanentStepError(message) : new Error(message);
}
