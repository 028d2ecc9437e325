import "server-only";

import type { IpNetwork } from "./ip-allow-list";
import type { SignatureScheme } from "./signature-scheme";

// The hot path's view of a webhook, kept in memory for a short time so that most requests cost
// no lookup and no decryption. Changes made through this process invalidate it at once; other
// instances see them within CACHE_TTL_MS.
export type IngestWebhook = {
  id: string;
  agentId: string;
  workflowId: string;
  workflowVersion: number;
  maxAttempts: number;
  enabled: boolean;
  signatureScheme: SignatureScheme;
  /** The webhook's own limits; null ones fall back to the instance defaults. */
  rateLimit: { perSecond: number | null; burst: number | null };
  /** Networks allowed to send; null admits any sender. */
  ipAllowList: IpNetwork[] | null;
  currentKey: string | null;
  previousKey: string | null;
  previousKeyExpiresAt: number | null;
};

export const CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

const globalForCache = globalThis as typeof globalThis & {
  __webhookCache?: Map<string, { value: IngestWebhook | null; expiresAt: number }>;
};
const cache = (globalForCache.__webhookCache ??= new Map());

export function getCachedWebhook(id: string, now = Date.now()): IngestWebhook | null | undefined {
  const entry = cache.get(id);
  if (!entry) return undefined;
  if (entry.expiresAt <= now) {
    cache.delete(id);
    return undefined;
  }
  return entry.value;
}

/** Caches a lookup result; `null` (unknown id) is cached too, so floods of bad ids stay cheap. */
export function setCachedWebhook(id: string, value: IngestWebhook | null, now = Date.now()): void {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, { value, expiresAt: now + CACHE_TTL_MS });
}

export function invalidateCachedWebhook(id: string): void {
  cache.delete(id);
}
