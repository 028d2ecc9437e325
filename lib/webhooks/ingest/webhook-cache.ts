import "server-only";

import type { IngestWebhook } from "./ingest-webhook";

// Keeps the hot path's webhooks in memory for a short time so that most requests cost no lookup
// and no decryption. Changes made through this process invalidate it at once; other instances
// see them within CACHE_TTL_MS.

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
