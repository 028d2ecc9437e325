import "server-only";

import { execute, selectRows, type RawSql, type SqlScript } from "@/lib/db/sql-script";
import { computeBackoffMs } from "@/lib/workflows/engine/backoff";

import { selectClaimed, toClaimedExecution, type ClaimedExecution, type ClaimedRow } from "./claimed-execution";

// The one owner of a run's state: every write of `status` is one of these transitions, each a
// single conditional statement, so two writers racing for a run (a worker and a cancel, two
// workers after a lease expired) never both win. Every write of a running run is conditional on
// this worker's lease: a worker that lost it changes nothing ("lost"). The transitions are
// scripts of exactly one statement (lib/db/sql-script.ts), so the engine commits one together
// with the step rows it records (on PostgreSQL folded into one statement, step-log.ts): run one
// alone with `getRawSql(db).transaction(() => transition(…))`.

export const executionStatuses = ["queued", "running", "succeeded", "failed", "canceled"] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];
/** A new run's status: the ingest stores' raw INSERTs write it too (enqueue in the delivery's transaction). */
export const queuedStatus = "queued" satisfies ExecutionStatus;

/** The columns of a new queued run besides its ids and trigger, for Prisma's create or a raw INSERT alike. */
export function queuedExecutionColumns(opts: { now: Date; maxAttempts: number }) {
  return {
    status: queuedStatus,
    attempt: 0,
    attemptBase: 0,
    maxAttempts: opts.maxAttempts,
    runAt: opts.now,
    createdAt: opts.now,
  };
}

const claimSet = `"status" = 'running', "leaseOwner" = ?, "leaseExpiresAt" = ?, "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ?)`;

/**
 * Atomically takes up to `limit` due runs for this worker and returns all that running them needs:
 * running ones whose lease expired (their worker died) first, then queued ones whose runAt has
 * come. PostgreSQL skips rows another worker has locked, SQLite has a single writer. Each path
 * reads its own index ((status, leaseExpiresAt) and (status, runAt)) and stops at the limit: with
 * an OR the planner scans the whole table, which on SQLite holds the writer for as long as the
 * backlog is big.
 */
export async function claimDueExecutions(opts: {
  sql: RawSql;
  workerId: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}): Promise<ClaimedExecution[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + opts.leaseMs);
  const { sql, workerId, limit } = opts;
  if (sql.provider === "postgresql") {
    // Locking clauses are not allowed on a UNION, so each claim path is its own CTE.
    const rows = await sql.rows<ClaimedRow>(
      `WITH due AS (
         SELECT "id" FROM "Execution" WHERE "status" = 'queued' AND "runAt" <= ? ORDER BY "runAt" LIMIT ? FOR UPDATE SKIP LOCKED),
       expired AS (
         SELECT "id" FROM "Execution" WHERE "status" = 'running' AND "leaseExpiresAt" < ? ORDER BY "leaseExpiresAt" LIMIT ? FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE "Execution" SET ${claimSet}
         WHERE "id" IN (SELECT "id" FROM (SELECT "id" FROM expired UNION ALL SELECT "id" FROM due) AS candidates LIMIT ?)
         RETURNING *)
       ${selectClaimed({ provider: sql.provider, source: "claimed", where: "TRUE" })}`,
      [now, limit, now, limit, workerId, leaseUntil, now, limit],
    );
    return rows.map(toClaimedExecution);
  }
  const rows = await sql.transaction(function* () {
    const claimed = yield* selectRows<{ id: string }>(
      `UPDATE "Execution" SET ${claimSet}
       WHERE "id" IN (
         SELECT "id" FROM (SELECT "id" FROM "Execution" WHERE "status" = 'running' AND "leaseExpiresAt" < ? ORDER BY "leaseExpiresAt" LIMIT ?)
         UNION ALL
         SELECT "id" FROM (SELECT "id" FROM "Execution" WHERE "status" = 'queued' AND "runAt" <= ? ORDER BY "runAt" LIMIT ?)
         LIMIT ?)
       RETURNING "id"`,
      [workerId, leaseUntil, now, now, limit, now, limit, limit],
    );
    if (claimed.length === 0) return [];
    return yield* selectRows<ClaimedRow>(
      selectClaimed({
        provider: sql.provider,
        source: `"Execution"`,
        where: `e."id" IN (SELECT "value" FROM json_each(?))`,
      }),
      [JSON.stringify(claimed.map((row) => row.id))],
    );
  });
  return rows.map(toClaimedExecution);
}

const heldBy = `"id" = ? AND "leaseOwner" = ? AND "status" = 'running'`;

/** Keeps a running run with this worker for `leaseMs` more. False: the lease is lost. */
export function* extendExecutionLease(opts: {
  executionId: string;
  workerId: string;
  leaseMs: number;
  now?: Date;
}): SqlScript<boolean> {
  const now = opts.now ?? new Date();
  const changed = yield* execute(`UPDATE "Execution" SET "leaseExpiresAt" = ? WHERE ${heldBy}`, [
    new Date(now.getTime() + opts.leaseMs),
    opts.executionId,
    opts.workerId,
  ]);
  return changed > 0;
}

/**
 * After a retryable failure: queued again, due after the policy's backoff. `attempt` is counted
 * from the latest manual retry (attempt - attemptBase), which starts the backoff over.
 */
export function* requeueExecution(opts: {
  executionId: string;
  workerId: string;
  attempt: number;
  backoffSeconds: number;
  error: string;
  now?: Date;
}): SqlScript<boolean> {
  const now = opts.now ?? new Date();
  const delayMs = computeBackoffMs({ attempt: opts.attempt, baseSeconds: opts.backoffSeconds });
  const changed = yield* execute(
    `UPDATE "Execution" SET "status" = 'queued', "runAt" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "error" = ? WHERE ${heldBy}`,
    [new Date(now.getTime() + delayMs), opts.error, opts.executionId, opts.workerId],
  );
  return changed > 0;
}

/** Records a run's final status, only while this worker still holds it. */
export function* finishExecution(opts: {
  executionId: string;
  workerId: string;
  status: Extract<ExecutionStatus, "succeeded" | "failed">;
  error?: string | null;
  stoppedAtStepId?: string | null;
  now?: Date;
}): SqlScript<boolean> {
  const changed = yield* execute(
    `UPDATE "Execution" SET "status" = ?, "finishedAt" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "error" = ?, "stoppedAtStepId" = ?
     WHERE ${heldBy}`,
    [
      opts.status,
      opts.now ?? new Date(),
      opts.error ?? null,
      opts.stoppedAtStepId ?? null,
      opts.executionId,
      opts.workerId,
    ],
  );
  return changed > 0;
}

/**
 * Gives a run back to the queue at once, e.g. on shutdown. The interrupted attempt is not
 * counted, since the run did not fail.
 */
export function* releaseExecution(opts: { executionId: string; workerId: string; now?: Date }): SqlScript<boolean> {
  const changed = yield* execute(
    `UPDATE "Execution" SET "status" = 'queued', "runAt" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "attempt" = "attempt" - 1
     WHERE ${heldBy}`,
    [opts.now ?? new Date(), opts.executionId, opts.workerId],
  );
  return changed > 0;
}

/**
 * Retry from the UI: a failed run queued again with its full retry policy counted from here
 * (attemptBase) and a fresh start time. Only from the state the caller read (`attempt`), so a
 * concurrent retry of the same failed run changes nothing.
 */
export function* retryFailedExecution(opts: {
  executionId: string;
  attempt: number;
  policyAttempts: number;
  now?: Date;
}): SqlScript<boolean> {
  const changed = yield* execute(
    `UPDATE "Execution" SET "status" = 'queued', "runAt" = ?, "attemptBase" = ?, "maxAttempts" = ?, "startedAt" = NULL, "finishedAt" = NULL, "error" = NULL
     WHERE "id" = ? AND "status" = 'failed' AND "attempt" = ?`,
    [opts.now ?? new Date(), opts.attempt, opts.attempt + opts.policyAttempts, opts.executionId, opts.attempt],
  );
  return changed > 0;
}

/**
 * Cancels a run that has not started or is waiting for its next attempt (queued, whatever its
 * runAt). False when it is not queued: a worker claimed it in the meantime, or it has ended.
 */
export function* cancelExecution(opts: { executionId: string; now?: Date }): SqlScript<boolean> {
  const changed = yield* execute(
    `UPDATE "Execution" SET "status" = 'canceled', "finishedAt" = ? WHERE "id" = ? AND "status" = 'queued'`,
    [opts.now ?? new Date(), opts.executionId],
  );
  return changed > 0;
}
