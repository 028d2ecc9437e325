import "server-only";

import type { Db } from "@/lib/db";
import { sqliteDate } from "@/lib/db/sqlite-date";

export type Provider = "sqlite" | "postgresql";

/**
 * Atomically takes up to `limit` due runs for this worker: running ones whose lease expired
 * (their worker died) first, then queued ones whose runAt has come. Each claim is one statement:
 * PostgreSQL skips rows another worker has locked, SQLite has a single writer. Each path reads
 * its own index ((status, leaseExpiresAt) and (status, runAt)) and stops at the limit: with an
 * OR the planner scans the whole table, which on SQLite holds the writer (and, the driver being
 * synchronous, the whole process) for as long as the backlog is big.
 */
export async function claimExecutions(opts: {
  db: Db;
  provider: Provider;
  workerId: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}): Promise<string[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + opts.leaseMs);
  if (opts.provider === "postgresql") {
    // Locking clauses are not allowed on a UNION, so each claim path is its own CTE.
    const rows = await opts.db.$queryRawUnsafe<{ id: string }[]>(
      `WITH due AS (
         SELECT "id" FROM "Execution" WHERE "status" = 'queued' AND "runAt" <= ($3::timestamptz AT TIME ZONE 'UTC')
         ORDER BY "runAt" LIMIT $4 FOR UPDATE SKIP LOCKED),
       expired AS (
         SELECT "id" FROM "Execution" WHERE "status" = 'running' AND "leaseExpiresAt" < ($3::timestamptz AT TIME ZONE 'UTC')
         ORDER BY "leaseExpiresAt" LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE "Execution" SET "status" = 'running', "leaseOwner" = $1, "leaseExpiresAt" = ($2::timestamptz AT TIME ZONE 'UTC'),
         "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ($3::timestamptz AT TIME ZONE 'UTC'))
       WHERE "id" IN (SELECT "id" FROM (SELECT "id" FROM expired UNION ALL SELECT "id" FROM due) AS candidates LIMIT $4)
       RETURNING "id"`,
      opts.workerId,
      leaseUntil.toISOString(),
      now.toISOString(),
      opts.limit,
    );
    return rows.map((row) => row.id);
  }
  const nowText = sqliteDate(now);
  const rows = await opts.db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Execution" SET "status" = 'running', "leaseOwner" = ?, "leaseExpiresAt" = ?, "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ?)
     WHERE "id" IN (
       SELECT "id" FROM (SELECT "id" FROM "Execution" WHERE "status" = 'running' AND "leaseExpiresAt" < ? ORDER BY "leaseExpiresAt" LIMIT ?)
       UNION ALL
       SELECT "id" FROM (SELECT "id" FROM "Execution" WHERE "status" = 'queued' AND "runAt" <= ? ORDER BY "runAt" LIMIT ?)
       LIMIT ?)
     RETURNING "id"`,
    opts.workerId,
    sqliteDate(leaseUntil),
    nowText,
    nowText,
    opts.limit,
    nowText,
    opts.limit,
    opts.limit,
  );
  return rows.map((row) => row.id);
}
