import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";

import type { AuditAction, AuditTargetType } from "./audit-actions";
import type { AuditEventPage } from "./audit-event-dto";

export const listAuditEventsQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^[\w-]{1,64}$/, "cursor is not one this API returned")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Newest first. Audit ids are time-ordered, so the last id of a page is the cursor for the next. */
export async function listAuditEvents(opts: { db: Db; query: unknown }): Promise<AuditEventPage> {
  const query = listAuditEventsQuery.parse(opts.query);
  const rows = await opts.db.auditEvent.findMany({
    where: query.cursor ? { id: { lt: query.cursor } } : undefined,
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
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
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
