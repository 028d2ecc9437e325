import "server-only";

import type { Db } from "@/lib/db";

export type FoundRecord = { id: string; data: unknown; createdAt: Date; updatedAt: Date };

/** One record of an agent's data store, with its data parsed, or null when there is none at that key. */
export async function findRecord(opts: {
  db: Db;
  agentId: string;
  collection: string;
  key: string;
}): Promise<FoundRecord | null> {
  const row = await opts.db.dataRecord.findUnique({
    where: { agentId_collection_key: { agentId: opts.agentId, collection: opts.collection, key: opts.key } },
    select: { id: true, data: true, createdAt: true, updatedAt: true },
  });
  return row && { id: row.id, data: JSON.parse(row.data), createdAt: row.createdAt, updatedAt: row.updatedAt };
}
