import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { invalidateCachedWebhook } from "@/lib/webhooks/webhook-cache";

/** Deletes the agent; its workflows, webhooks and their deliveries go with it (ON DELETE CASCADE). */
export async function deleteAgent(opts: { db: Db; agentId: string }): Promise<void> {
  const webhooks = await opts.db.webhook.findMany({ where: { agentId: opts.agentId }, select: { id: true } });
  const { count } = await opts.db.agent.deleteMany({ where: { id: opts.agentId } });
  if (count === 0) throw notFound("Agent", opts.agentId);
  // The hot path must refuse the deleted webhooks now (webhook_not_found), not fail to store into them until its cache expires.
  for (const webhook of webhooks) invalidateCachedWebhook(webhook.id);
}
