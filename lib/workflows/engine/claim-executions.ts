import "server-only";
import type { Db } from "@/lib/db";

export type Provider = "sqlite" | "postgresql";

// Prisma's SQLite adapter stores DateTime as ISO text with +00:00; comparisons are textual.
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * Atomically takes up to `limit` due runs for this worker: queued ones whose runAt has come, and
 * running ones whose lease expired (their worker died). Each claim is one statement: PostgreSQL
 * skips rows another worker has locked, SQLite has a single writer. Returns the claimed ids.
 */
export async function claimExecutions(opts: { db: Db; provider: Provider; workerId: string; limit: number; leaseMs: number; now?: Date }): Promise<string[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + opts.leaseMs);
  if (opts.provider === "postgresql") {
    const rows = await opts.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Execution" SET "status" = 'running', "leaseOwner" = $1, "leaseExpiresAt" = ($2::timestamptz AT TIME ZONE 'UTC'),
         "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ($3::timestamptz AT TIME ZONE 'UTC'))
       WHERE "id" IN (
         SELECT "id" FROM "Execution"
         WHERE ("status" = 'queued' AND "runAt" <= ($3::timestamptz AT TIME ZONE 'UTC'))
            OR ("status" = 'running' AND "leaseExpiresAt" < ($3::timestamptz AT TIME ZONE 'UTC'))
         ORDER BY "runAt" LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      opts.workerId,
      leaseUntil.toISOString(),
      now.toISOString(),
      opts.limit,
    );
    return rows.map((row) => row.id);
  }
  const rows = await opts.db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Execution" SET "status" = 'running', "leaseOwner" = ?, "leaseExpiresAt" = ?, "attempt" = "attempt" + 1, "startedAt" = COALESCE("startedAt", ?)
     WHERE "id" IN (
       SELECT "id" FROM "Execution"
       WHERE ("status" = 'queued' AND "runAt" <= ?) OR ("status" = 'running' AND "leaseExpiresAt" < ?)
       ORDER BY "runAt" LIMIT ?)
     RETURNING "id"`,
    opts.workerId,
    sqliteDate(leaseUntil),
    sqliteDate(now),
    sqliteDate(now),
    sqliteDate(now),
    opts.limit,
  );
  return rows.map((row) => row.id);
}
