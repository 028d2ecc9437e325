import "server-only";

import type { Db } from "@/lib/db";
import { getRawSql } from "@/lib/db/raw-sql";
import { execute, type SqlProvider, type SqlScript } from "@/lib/db/sql-script";
import { createId } from "@/lib/ids";

import { updateRecord } from "./update-record";

// Writes one record of an agent's data store inside the caller's transaction, safely under
// concurrency on both databases: a replace is one INSERT … ON CONFLICT (the unique (agentId,
// collection, key) index settles which insert wins), a merge a read-modify-write of the locked row
// (update-record.ts), so two runs merging different fields into one record both keep their fields.

export type RecordWriteMode = "merge" | "replace";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Shallow merge: top-level fields of `next` replace those of `previous`; anything but two objects is a replacement. */
export function mergeRecordData(previous: unknown, next: unknown): unknown {
  return isPlainObject(previous) && isPlainObject(next) ? { ...previous, ...next } : next;
}

type RecordWrite = {
  provider: SqlProvider;
  agentId: string;
  collection: string;
  key: string;
  data: unknown;
  mode: RecordWriteMode;
};

/** Creates or updates the record at (collection, key) and returns the data it now holds. */
export function* writeRecord(opts: RecordWrite): SqlScript<{ data: unknown }> {
  const { agentId, collection, key, data } = opts;
  if (opts.mode === "merge" && isPlainObject(data)) {
    const merged = yield* updateRecord({
      provider: opts.provider,
      agentId,
      collection,
      key,
      update: (current) => mergeRecordData(current, data),
    });
    return { data: merged.data };
  }
  const now = new Date();
  yield* execute(
    `INSERT INTO "DataRecord" ("id", "agentId", "collection", "key", "data", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("agentId", "collection", "key") DO UPDATE SET "data" = excluded."data", "updatedAt" = excluded."updatedAt"`,
    [createId("rec"), agentId, collection, key, JSON.stringify(data), now, now],
  );
  return { data };
}

/** writeRecord in a transaction of its own. */
export function upsertRecord(opts: Omit<RecordWrite, "provider"> & { db: Db }): Promise<{ data: unknown }> {
  const sql = getRawSql(opts.db);
  return sql.transaction(() => writeRecord({ ...opts, provider: sql.provider }));
}
