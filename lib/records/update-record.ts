import "server-only";

import { isDeepStrictEqual } from "node:util";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

// Read-modify-write of one record as one indivisible step. The transaction's first statement is
// an UPDATE of the record's row that changes nothing and returns it, so the row is locked before
// it is read: on PostgreSQL that is the row lock (as SELECT … FOR UPDATE would take), so a
// concurrent update waits and then reads the committed result; on SQLite any write statement
// takes the database's single writer lock (a deferred BEGIN that reads first could see data
// another process is about to overwrite, or fail with SQLITE_BUSY when it upgrades), and
// busy_timeout (lib/db/create-client.ts) makes the next writer wait instead of failing. The same
// statement works on both databases.
//
// A record that does not exist yet has no row to lock: two first writers on PostgreSQL both see
// none and the second loses on the unique (agentId, collection, key) index; it retries, and the
// row is there to lock the second time.

const MAX_ATTEMPTS = 3;
// Waiting for the connection (SQLite: the adapter runs one transaction at a time per process)
// and for the whole transaction; generous, since many runs of one account queue up here.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

/** Computes the record's next data from its current data (null when there is no record). */
export type RecordUpdater = (current: unknown) => Promise<unknown>;

export type UpdatedRecord = {
  data: unknown;
  /** False when the updater returned the current data unchanged: nothing was written. */
  changed: boolean;
};

type Outcome = { kind: "done"; result: UpdatedRecord } | { kind: "refused"; error: unknown };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

async function updateOnce(opts: {
  db: Db;
  agentId: string;
  collection: string;
  key: string;
  update: RecordUpdater;
}): Promise<Outcome> {
  const { db, agentId, collection, key } = opts;
  return db.$transaction(async (tx) => {
    // One statement, so what is read is what is locked: a row another transaction has inserted
    // but not committed is neither, and the create below then loses on the unique index.
    const [row] = await tx.$queryRaw<{ id: string; data: string }[]>`
      UPDATE "DataRecord" SET "data" = "data"
      WHERE "agentId" = ${agentId} AND "collection" = ${collection} AND "key" = ${key}
      RETURNING "id", "data"`;
    const current: unknown = row ? JSON.parse(row.data) : null;
    let next: unknown;
    try {
      next = await opts.update(current);
    } catch (error) {
      // Committed, not rolled back: the SQLite adapter shares its one connection with queries
      // outside the transaction (a worker's claims and lease renewals), which a rollback would undo.
      return { kind: "refused", error };
    }
    if (isDeepStrictEqual(next, current)) return { kind: "done", result: { data: current, changed: false } };
    const text = JSON.stringify(next);
    if (row) await tx.dataRecord.update({ where: { id: row.id }, data: { data: text } });
    else await tx.dataRecord.create({ data: { id: createId("rec"), agentId, collection, key, data: text } });
    return { kind: "done", result: { data: next, changed: true } };
  }, TRANSACTION_OPTIONS);
}

/**
 * Replaces the record at (collection, key) with what `update` computes from its current data,
 * with no other write to that record in between. Whatever `update` throws is rethrown, and then
 * nothing was written; nothing is written either when it returns the current data (`changed: false`).
 */
export async function updateRecord(opts: {
  db: Db;
  agentId: string;
  collection: string;
  key: string;
  update: RecordUpdater;
}): Promise<UpdatedRecord> {
  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome;
    try {
      outcome = await updateOnce(opts);
    } catch (error) {
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    if (outcome.kind === "refused") throw outcome.error;
    return outcome.result;
  }
}
