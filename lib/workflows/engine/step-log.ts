import "server-only";

import { execute, type SqlScript } from "@/lib/db/sql-script";

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

const columns = `"id", "executionId", "stepId", "stepIndex", "stepType", "attempt", "status", "input", "output", "error", "startedAt", "finishedAt", "durationMs"`;
const placeholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/** Stores the rows in one statement. */
export function* insertStepRows(rows: readonly StepLogRow[]): SqlScript<void> {
  if (rows.length === 0) return;
  yield* execute(
    `INSERT INTO "StepRun" (${columns}) VALUES ${rows.map(() => placeholders).join(", ")}`,
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
    ]),
  );
}
