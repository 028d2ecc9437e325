import "server-only";

import type { Db } from "@/lib/db";

import { invalidateCachedWebhook } from "./ingest/webhook-cache";

// The hot path caches webhooks together with what they depend on (their agent, the workflow
// version they queue). Other domains change those through these two, so that the next request
// sees the change at once instead of when the cache entry expires.

type Owner = { agentId: string } | { workflowId: string };

const listIds = async (opts: { db: Db; of: Owner }) =>
  (await opts.db.webhook.findMany({ where: opts.of, select: { id: true } })).map((webhook) => webhook.id);

/** After a change to the agent or workflow: drops its webhooks from the cache. */
export async function refreshWebhooks(opts: { db: Db; of: Owner }): Promise<void> {
  for (const id of await listIds(opts)) invalidateCachedWebhook(id);
}

/** Runs a change that takes the webhooks with it (a delete): they are listed before it, dropped after it. */
export async function withWebhooksRefreshed<T>(opts: { db: Db; of: Owner; change: () => Promise<T> }): Promise<T> {
  const ids = await listIds(opts);
  try {
    return await opts.change();
  } finally {
    for (const id of ids) invalidateCachedWebhook(id);
  }
}
