import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { withWebhooksRefreshed } from "@/lib/webhooks/refresh-webhooks";

/** Deletes the agent; its workflows, webhooks and their deliveries go with it (ON DELETE CASCADE). */
export async function deleteAgent(opts: { db: Db; agentId: string }): Promise<void> {
  // The hot path must refuse the deleted webhooks now (404), not fail to store into them until its cache expires.
  const { count } = await withWebhooksRefreshed({
    db: opts.db,
    of: { agentId: opts.agentId },
    change: () => opts.db.agent.deleteMany({ where: { id: opts.agentId } }),
  });
  if (count === 0) throw notFound("Agent", opts.agentId);
}
