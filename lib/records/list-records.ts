import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { cursorPageArgs, cursorQuery, toCursorPage } from "@/lib/pagination/cursor-page";

import type { CollectionSummaryDto, DataRecordPage } from "./record-dto";

export const listRecordsQuery = z.strictObject({
  collection: z.string().trim().min(1).max(100),
  cursor: cursorQuery.cursor,
  limit: cursorQuery.limit({ max: 100, default: 50 }),
});

async function assertAgent(db: Db, agentId: string) {
  const agent = await db.agent.findUnique({ where: { id: agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", agentId);
}

/** The agent's collections with their record counts, most recently written first. */
export async function listCollections(opts: { db: Db; agentId: string }): Promise<CollectionSummaryDto[]> {
  await assertAgent(opts.db, opts.agentId);
  const groups = await opts.db.dataRecord.groupBy({
    by: ["collection"],
    where: { agentId: opts.agentId },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  return groups
    .map((group) => ({
      collection: group.collection,
      count: group._count._all,
      updatedAt: (group._max.updatedAt ?? new Date(0)).toISOString(),
    }))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** One collection's records, by key; record ids are time-ordered and serve as the cursor. */
export async function listRecords(opts: { db: Db; agentId: string; query: unknown }): Promise<DataRecordPage> {
  const query = listRecordsQuery.parse(opts.query);
  await assertAgent(opts.db, opts.agentId);
  const { id, ...pageArgs } = cursorPageArgs(query);
  const rows = await opts.db.dataRecord.findMany({
    where: { agentId: opts.agentId, collection: query.collection, id },
    ...pageArgs,
  });
  const { page, nextCursor } = toCursorPage({ rows, limit: query.limit });
  return {
    records: page.map((row) => ({
      id: row.id,
      collection: row.collection,
      key: row.key,
      data: JSON.parse(row.data),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
    nextCursor,
  };
}
