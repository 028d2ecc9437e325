import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { findAgentWebhook } from "@/lib/webhooks/find-agent-webhook";

import type { DeliveryPage } from "./delivery-dto";
import { deliverySummarySelect, toDeliverySummaryDto } from "./to-delivery-dto";

export const listDeliveriesQuery = z.strictObject({
  outcome: z.enum(["accepted", "rejected"]).optional(),
  cursor: z
    .string()
    .regex(/^[\w-]{1,64}$/, "cursor is not one this API returned")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
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
  const rows = await opts.db.delivery.findMany({
    where: { webhookId: opts.webhookId, outcome: query.outcome, id: query.cursor ? { lt: query.cursor } : undefined },
    orderBy: { id: "desc" },
    take: query.limit + 1,
    select: deliverySummarySelect,
  });
  const page = rows.slice(0, query.limit);
  return {
    deliveries: page.map(toDeliverySummaryDto),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
