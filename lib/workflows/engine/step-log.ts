import "server-only";

import { execute, isStatement, selectRows, type SqlProvider, type SqlScript } from "@/lib/db/sql-script";
import type { ClaimedExecution } from "@/lib/executions/claimed-execution";
import { createId } from "@/lib/ids";
import { stepInputOf, type StepResult } from "@/lib/workflows/steps/step-handler";
import type { WorkflowStep } from "@/lib/workflows/workflow-definition";

import { toStoredJson } from "./run-context";
import type { RunSecrets } from "./run-secrets";

/** One attempt of one step, as the run log stores it (inputs, outputs and errors already redacted). */
export type StepLogRow = {
  id: string;
  executionId: string;
  stepId: string;
  stepIndex: number;
  stepType: string;
  attempt: number;
  status: "succeeded" | "failed";
  input: string | null;
  output: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
};

/** A step's row in the run log; everything stored is redacted, since the log must not show a secret's value. */
export function toStepLogRow(opts: {
  execution: ClaimedExecution;
  step: WorkflowStep;
  stepIndex: number;
  startedAt: Date;
  redact: RunSecrets["redact"];
  result?: StepResult;
  failure?: unknown;
  error?: string;
}): StepLogRow {
  const { step, startedAt, redact, result } = opts;
  const finishedAt = new Date();
  return {
    id: createId("step"),
    executionId: opts.execution.id,
    stepId: step.id,
    stepIndex: opts.stepIndex,
    stepType: step.type,
    attempt: opts.execution.attempt,
    status: opts.error === undefined ? "succeeded" : "failed",
    input: toStoredJson(redact.value(result?.input ?? stepInputOf(opts.failure) ?? step.config)),
    output: opts.error === undefined ? toStoredJson(redact.value(result?.output)) : null,
    error: opts.error ?? null,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
  };
}

const columns = `"id", "executionId", "stepId", "stepIndex", "stepType", "attempt", "status", "input", "output", "error", "startedAt", "finishedAt", "durationMs"`;
const placeholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// Outside an INSERT's own VALUES, PostgreSQL reads untyped parameters as text.
const typedPlaceholders =
  "(?::text, ?::text, ?::text, ?::integer, ?::text, ?::integer, ?::text, ?::text, ?::text, ?::text, ?::timestamp(3), ?::timestamp(3), ?::integer)";

const valuesOf = (rows: readonly StepLogRow[]) =>
  rows.flatMap((row) => [
    row.id,
    row.executionId,
    row.stepId,
    row.stepIndex,
    row.stepType,
    row.attempt,
    row.status,
    row.input,
    row.output,
    row.error,
    row.startedAt,
    row.finishedAt,
    row.durationMs,
  ]);

/** Stores the rows in one statement. */
export function* insertStepRows(rows: readonly StepLogRow[]): SqlScript<void> {
  if (rows.length === 0) return;
  yield* execute(
    `INSERT INTO "StepRun" (${columns}) VALUES ${rows.map(() => placeholders).join(", ")}`,
    valuesOf(rows),
  );
}

/**
 * The run's transition, and the rows only if it moved the run (true). On PostgreSQL, where every
 * statement is a round trip, it is one statement: the transition's UPDATE (transitions are one
 * statement each, execution-state.ts) and the INSERT in one WITH.
 */
export function* recordSteps(opts: {
  provider: SqlProvider;
  rows: readonly StepLogRow[];
  transition: SqlScript<boolean>;
}): SqlScript<boolean> {
  const { rows, transition } = opts;
  if (opts.provider === "sqlite" || rows.length === 0) {
    const moved = yield* transition;
    if (moved) yield* insertStepRows(rows);
    return moved;
  }
  const update = transition.next().value;
  if (!isStatement(update)) throw new Error("A transition is one statement");
  const [{ count }] = yield* selectRows<{ count: string | number }>(
    `WITH "moved" AS (${update.sql} RETURNING 1),
       "logged" AS (INSERT INTO "StepRun" (${columns}) SELECT * FROM (VALUES ${rows.map(() => typedPlaceholders).join(", ")}) AS v(${columns})
         WHERE EXISTS (SELECT 1 FROM "moved"))
     SELECT COUNT(*) AS "count" FROM "moved"`,
    [...update.params, ...valuesOf(rows)],
  );
  const moved = transition.next(Number(count));
  if (!moved.done) throw new Error("A transition is one statement");
  return moved.value;
}
