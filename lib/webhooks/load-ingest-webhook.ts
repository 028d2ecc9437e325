import "server-only";

import type { IngestStore } from "./ingest-store";
import { compileIpAllowList } from "./ip-allow-list";
import { toSignatureScheme } from "./signature-scheme";
import type { VerificationKey } from "./verify";
import { getCachedWebhook, setCachedWebhook, type IngestWebhook } from "./webhook-cache";
import { openWebhookKey } from "./webhook-key-crypto";

export type LoadedWebhook = IngestWebhook & { verificationKeys: (now: number) => VerificationKey[] };

function withKeys(webhook: IngestWebhook): LoadedWebhook {
  return {
    ...webhook,
    // The previous key's grace period is checked per request, not when the entry was cached.
    verificationKeys: (now) => [
      ...(webhook.currentKey ? [{ privateKey: webhook.currentKey, label: "current" as const }] : []),
      ...(webhook.previousKey && webhook.previousKeyExpiresAt !== null && webhook.previousKeyExpiresAt > now
        ? [{ privateKey: webhook.previousKey, label: "previous" as const }]
        : []),
    ],
  };
}

/** The webhook with its keys decrypted, from the short-lived cache or one indexed lookup. */
export async function loadIngestWebhook(opts: {
  store: IngestStore;
  webhookId: string;
}): Promise<LoadedWebhook | null> {
  const cached = getCachedWebhook(opts.webhookId);
  if (cached !== undefined) return cached && withKeys(cached);
  const row = await opts.store.findWebhook(opts.webhookId);
  const webhook: IngestWebhook | null = row && {
    id: row.id,
    agentId: row.agentId,
    workflowId: row.workflowId,
    workflowVersion: row.workflowVersion,
    maxAttempts: row.maxAttempts,
    enabled: row.enabled,
    signatureScheme: toSignatureScheme(row.signatureScheme),
    rateLimit: { perSecond: row.rateLimitPerSecond, burst: row.rateLimitBurst },
    ipAllowList: row.ipAllowList === null ? null : compileIpAllowList(row.ipAllowList),
    currentKey: row.keyCiphertext ? openWebhookKey(row.id, row.keyCiphertext) : null,
    previousKey: row.previousKeyCiphertext ? openWebhookKey(row.id, row.previousKeyCiphertext) : null,
    previousKeyExpiresAt: row.previousKeyExpiresAt?.getTime() ?? null,
  };
  setCachedWebhook(opts.webhookId, webhook);
  return webhook && withKeys(webhook);
}
