import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { cursorPageArgs, cursorQuery, toCursorPage } from "@/lib/pagination/cursor-page";
import { findAgentWebhook } from "@/lib/webhooks/find-agent-webhook";

import type { DeliveryPage } from "./delivery-dto";
import { deliverySummarySelect, toDeliverySummaryDto } from "./to-delivery-dto";

export const listDeliveriesQuery = z.strictObject({
  outcome: z.enum(["accepted", "rejected"]).optional(),
  cursor: cursorQuery.cursor,
  limit: cursorQuery.limit({ max: 100, default: 25 }),
});

/** Newest first. Delivery ids are time-ordered, so the last id of a page is the cursor for the next. */
export async function listDeliveries(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  query: unknown;
}): Promise<DeliveryPage> {
  const query = listDeliveriesQuery.parse(opts.query);
  await findAgentWebhook(opts);
  const { id, ...pageArgs } = cursorPageArgs(query);
  const rows = await opts.db.delivery.findMany({
    where: { webhookId: opts.webhookId, outcome: query.outcome, id },
    ...pageArgs,
    select: deliverySummarySelect,
  });
  const { page, nextCursor } = toCursorPage({ rows, limit: query.limit });
  return { deliveries: page.map(toDeliverySummaryDto), nextCursor };
}
