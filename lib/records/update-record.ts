import "server-only";

import { isDeepStrictEqual } from "node:util";

import { execute, selectRows, waitFor, type SqlProvider, type SqlScript } from "@/lib/db/sql-script";
import { createId } from "@/lib/ids";

// Read-modify-write of one record as one indivisible step, inside the caller's transaction (the
// engine commits it with the step's log row and the run's lease check, lib/workflows/engine). The
// row is locked before it is read: on PostgreSQL with SELECT … FOR UPDATE, so a concurrent update
// waits and then reads the committed result; on SQLite the transaction already holds the
// database's single writer lock (BEGIN IMMEDIATE, lib/db/raw-sqlite.ts).
//
// A record that does not exist yet has no row to lock: two first writers on PostgreSQL both see
// none; the second's insert waits for the first and then does nothing (ON CONFLICT), and it
// reads again, when the row is there to lock.

const MAX_ATTEMPTS = 3;

/** Computes the record's next data from its current data (null when there is no record). */
export type RecordUpdater = (current: unknown) => unknown;

export type UpdatedRecord = {
  data: unknown;
  /** False when the updater returned the current data unchanged: nothing was written. */
  changed: boolean;
};

/**
 * Replaces the record at (collection, key) with what `update` computes from its current data,
 * with no other write to that record in between. Whatever `update` throws is rethrown (and the
 * caller's transaction rolls back); nothing is written when it returns the current data.
 */
export function* updateRecord(opts: {
  provider: SqlProvider;
  agentId: string;
  collection: string;
  key: string;
  update: RecordUpdater;
}): SqlScript<UpdatedRecord> {
  const { agentId, collection, key } = opts;
  for (let attempt = 1; ; attempt++) {
    const [row] = yield* selectRows<{ id: string; data: string }>(
      `SELECT "id", "data" FROM "DataRecord" WHERE "agentId" = ? AND "collection" = ? AND "key" = ?${opts.provider === "postgresql" ? " FOR UPDATE" : ""}`,
      [agentId, collection, key],
    );
    const current: unknown = row ? JSON.parse(row.data) : null;
    const computed = opts.update(current);
    const next = computed instanceof Promise ? yield* waitFor(computed) : computed;
    if (isDeepStrictEqual(next, current)) return { data: current, changed: false };
    const text = JSON.stringify(next);
    const now = new Date();
    if (row) {
      yield* execute(`UPDATE "DataRecord" SET "data" = ?, "updatedAt" = ? WHERE "id" = ?`, [text, now, row.id]);
      return { data: next, changed: true };
    }
    const inserted = yield* execute(
      `INSERT INTO "DataRecord" ("id", "agentId", "collection", "key", "data", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("agentId", "collection", "key") DO NOTHING`,
      [createId("rec"), agentId, collection, key, text, now, now],
    );
    if (inserted > 0) return { data: next, changed: true };
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`The record was created by other runs ${MAX_ATTEMPTS} times while updating it; try again`);
  }
}
