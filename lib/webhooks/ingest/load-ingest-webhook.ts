import "server-only";

import type { IngestStore } from "./ingest-store";
import type { IngestWebhook } from "./ingest-webhook";
import { getCachedWebhook, setCachedWebhook } from "./webhook-cache";

/** The webhook with its keys decrypted, from the short-lived cache or one indexed lookup. */
export async function loadIngestWebhook(opts: {
  store: IngestStore;
  webhookId: string;
}): Promise<IngestWebhook | null> {
  const cached = getCachedWebhook(opts.webhookId);
  if (cached !== undefined) return cached;
  const webhook = await opts.store.findWebhook(opts.webhookId);
  setCachedWebhook(opts.webhookId, webhook);
  return webhook;
}
