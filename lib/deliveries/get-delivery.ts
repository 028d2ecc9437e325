import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { findAgentWebhook } from "@/lib/webhooks/find-agent-webhook";

import type { DeliveryDto } from "./delivery-dto";
import { toDeliveryDto } from "./to-delivery-dto";

export async function getDelivery(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  deliveryId: string;
}): Promise<DeliveryDto> {
  await findAgentWebhook(opts);
  const row = await opts.db.delivery.findUnique({
    where: { id: opts.deliveryId },
    include: { execution: { select: { id: true, status: true } } },
  });
  if (!row || row.webhookId !== opts.webhookId) throw notFound("Delivery", opts.deliveryId);
  return toDeliveryDto(row);
}
