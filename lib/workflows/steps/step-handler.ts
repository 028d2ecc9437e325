import type { Db } from "@/lib/db";
import type { SqlScript } from "@/lib/db/sql-script";

import type { StepConfig, StepType } from "./step-schemas";

/** What every step reads: the trigger, the outputs of earlier steps, the agent and its secrets. */
export type RunContext = {
  trigger: { body: unknown; headers: Record<string, string>; receivedAt: string; webhookId: string | null };
  steps: Record<string, unknown>;
  agent: { id: string; name: string };
  execution: { id: string; attempt: number };
  /** `{{ secrets.NAME }}`: the agent's secrets the definition references, decrypted for this run only. */
  secrets: Record<string, string>;
};

export type StepServices = {
  db: Db;
  /** Aborted when the step times out or the worker shuts down; pass it to every I/O call. */
  signal: AbortSignal;
  /**
   * Runs the step's database writes in the transaction that also records the step (its log row,
   * the rows of the pure steps before it, the run's lease or end): committed together or not at
   * all, so a run resumed after a crash never repeats a write that committed. The step returns
   * what the script returns. Absent outside a run (a step called on its own), where the script
   * is its own transaction.
   */
  commit?: <T extends StepResult>(script: () => SqlScript<T>) => Promise<T>;
};

/**
 * A step's result: its output, whether the run should stop after it (successfully), and
 * optionally the input it actually used (e.g. the rendered request) for the run page;
 * without one the run page shows the step's configuration.
 */
export type StepResult = { output: unknown; stop?: boolean; input?: unknown };

export type StepHandler<T extends StepType> = {
  type: T;
  /**
   * The step only computes from the run's context (no I/O): its log row may be stored with the
   * next step's or with the run's end, since running it again after a crash gives the same result.
   */
  pure?: true;
  /**
   * Runs the step with its validated config (templates not yet rendered: the handler renders
   * what it needs with lib/workflows/expressions). Throwing fails the step with that message.
   */
  run(opts: { config: StepConfig<T>; context: RunContext; services: StepServices }): Promise<StepResult>;
};

/**
 * Attaches the input a step actually used (e.g. the rendered request) to its failure, so the
 * run page shows what was sent exactly when it matters: when it failed.
 */
export function withStepInput(error: unknown, input: unknown): unknown {
  if (error instanceof Error) Object.assign(error, { stepInput: input });
  return error;
}

export function stepInputOf(error: unknown): unknown {
  return error instanceof Error ? (error as Error & { stepInput?: unknown }).stepInput : undefined;
}

/** A failure the builder must fix (bad config, missing provider): retrying cannot help. */
export class PermanentStepError extends Error {}
