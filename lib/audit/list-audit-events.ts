import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { cursorPageArgs, cursorQuery, toCursorPage } from "@/lib/pagination/cursor-page";

import type { AuditAction, AuditTargetType } from "./audit-actions";
import type { AuditEventPage } from "./audit-event-dto";

export const listAuditEventsQuery = z.strictObject({
  cursor: cursorQuery.cursor,
  limit: cursorQuery.limit({ max: 200, default: 50 }),
});

/** Newest first. Audit ids are time-ordered, so the last id of a page is the cursor for the next. */
export async function listAuditEvents(opts: { db: Db; query: unknown }): Promise<AuditEventPage> {
  const query = listAuditEventsQuery.parse(opts.query);
  const { id, ...pageArgs } = cursorPageArgs(query);
  const rows = await opts.db.auditEvent.findMany({ where: { id }, ...pageArgs });
  const { page, nextCursor } = toCursorPage({ rows, limit: query.limit });
  return {
    events: page.map((row) => ({
      id: row.id,
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      action: row.action as AuditAction,
      targetType: row.targetType as AuditTargetType,
      targetId: row.targetId,
      details: JSON.parse(row.details) as Record<string, unknown>,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor,
  };
}
