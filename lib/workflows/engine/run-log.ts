import "server-only";

import type { RawSql, SqlScript } from "@/lib/db/sql-script";

import { LostLeaseError } from "./lease";
import { recordSteps, type StepLogRow } from "./step-log";

/** What a commit records: step rows, and the run's transition (false: this worker lost the run). */
export type Progress = { rows: StepLogRow[]; transition: () => SqlScript<boolean> };

export type RunLog = {
  /** Keeps a pure step's row for the next commit. */
  defer: (row: StepLogRow) => void;
  /**
   * One transaction: `script` (a step's own writes), then the transition `progress` names for
   * its result, then the deferred rows and the new ones. Throws LostLeaseError, changing
   * nothing, when the transition finds the run no longer this worker's.
   */
  commit: <T>(script: () => SqlScript<T>, progress: (value: T) => Progress) => Promise<T>;
  /** commit without writes of its own. */
  record: (progress: Progress) => Promise<void>;
};

// The run's step log and state written together: a step's row commits with the run's next state
// (its lease extended, requeued, ended) and, for a step with database writes, with those writes.
// A pure step's row waits for the next commit (at the latest the run's end): after a crash it is
// simply computed again.
export function createRunLog(opts: { sql: RawSql; executionId: string }): RunLog {
  const { sql } = opts;
  let deferred: StepLogRow[] = [];
  const recorded = (progress: Progress) =>
    recordSteps({ provider: sql.provider, rows: [...deferred, ...progress.rows], transition: progress.transition() });
  return {
    defer: (row) => deferred.push(row),
    async commit(script, progress) {
      const value = await sql.transaction(function* () {
        const value = yield* script();
        // Thrown inside the transaction, so the step's own writes are rolled back too.
        if (!(yield* recorded(progress(value)))) throw new LostLeaseError(opts.executionId);
        return value;
      });
      deferred = [];
      return value;
    },
    // Without writes of its own, one statement on PostgreSQL: no transaction around it.
    async record(progress) {
      if (!(await sql.alone(() => recorded(progress)))) throw new LostLeaseError(opts.executionId);
      deferred = [];
    },
  };
}
