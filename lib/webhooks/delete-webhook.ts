import "server-only";

import type { Db } from "@/lib/db";

import { findAgentWebhook } from "./find-agent-webhook";
import { invalidateCachedWebhook } from "./ingest/webhook-cache";

/** Deletes the webhook and its delivery log; executions it queued stay, without the link. */
export async function deleteWebhook(opts: { db: Db; agentId: string; webhookId: string }): Promise<void> {
  await findAgentWebhook(opts);
  await opts.db.webhook.deleteMany({ where: { id: opts.webhookId } });
  invalidateCachedWebhook(opts.webhookId);
}
