import "server-only";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

// Writes one record of an agent's data store, safely under concurrency on both databases:
// the unique (agentId, collection, key) index settles which insert wins, and a merge only
// lands if the row still holds the data it was computed from (compare-and-swap), so two runs
// merging different fields into one record both keep their fields.

export type RecordWriteMode = "merge" | "replace";

const MAX_MERGE_ATTEMPTS = 20;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Shallow merge: top-level fields of `next` replace those of `previous`; anything but two objects is a replacement. */
export function mergeRecordData(previous: unknown, next: unknown): unknown {
  return isPlainObject(previous) && isPlainObject(next) ? { ...previous, ...next } : next;
}

type Where = { agentId_collection_key: { agentId: string; collection: string; key: string } };

async function replaceRecord(db: Db, where: Where, text: string): Promise<void> {
  const create = { id: createId("rec"), ...where.agentId_collection_key, data: text };
  try {
    await db.dataRecord.upsert({ where, create, update: { data: text } });
  } catch (error) {
    // Prisma turns this upsert into one INSERT … ON CONFLICT where it can; where it falls back to
    // find-then-insert, two first writes can race: the loser's retry finds the row and updates it.
    if (!isUniqueViolation(error)) throw error;
    await db.dataRecord.upsert({ where, create: { ...create, id: createId("rec") }, update: { data: text } });
  }
}

async function mergeRecord(db: Db, where: Where, data: Record<string, unknown>): Promise<unknown> {
  for (let attempt = 0; attempt < MAX_MERGE_ATTEMPTS; attempt++) {
    const existing = await db.dataRecord.findUnique({ where, select: { id: true, data: true } });
    if (!existing) {
      try {
        await db.dataRecord.create({
          data: { id: createId("rec"), ...where.agentId_collection_key, data: JSON.stringify(data) },
        });
        return data;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
    }
    const merged = mergeRecordData(JSON.parse(existing.data), data);
    const { count } = await db.dataRecord.updateMany({
      where: { id: existing.id, data: existing.data },
      data: { data: JSON.stringify(merged) },
    });
    if (count === 1) return merged;
    // Someone else changed it first: wait a little (jittered, so contenders spread out) and merge into theirs.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
  }
  throw new Error(`The record was changed by other runs ${MAX_MERGE_ATTEMPTS} times while merging; try again`);
}

/** Creates or updates the record at (collection, key) and returns the data it now holds. */
export async function upsertRecord(opts: {
  db: Db;
  agentId: string;
  collection: string;
  key: string;
  data: unknown;
  mode: RecordWriteMode;
}): Promise<{ data: unknown }> {
  const where = { agentId_collection_key: { agentId: opts.agentId, collection: opts.collection, key: opts.key } };
  if (opts.mode === "merge" && isPlainObject(opts.data)) return { data: await mergeRecord(opts.db, where, opts.data) };
  await replaceRecord(opts.db, where, JSON.stringify(opts.data));
  return { data: opts.data };
}
