import { describe, expect, it } from "vitest";

import type { IngestWebhook } from "./ingest-webhook";
import { CACHE_TTL_MS, getCachedWebhook, invalidateCachedWebhook, setCachedWebhook } from "./webhook-cache";

const noKeys = () => [];
const webhook = (id: string): IngestWebhook => ({
  id,
  agentId: "ag",
  workflowId: "wf",
  workflowVersion: 1,
  maxAttempts: 3,
  replayProtection: true,
  enabled: true,
  signatureScheme: "x-signature",
  rateLimit: { perSecond: null, burst: null },
  ipAllowList: null,
  currentKey: "awk_k",
  previousKey: null,
  previousKeyExpiresAt: null,
  verificationKeys: noKeys,
});

describe("webhook cache", () => {
  it("answers from memory until the TTL ends", () => {
    const id = `wh_ttl_${Math.random()}`;
    const t0 = 1_000_000;
    setCachedWebhook(id, webhook(id), t0);
    expect(getCachedWebhook(id, t0 + CACHE_TTL_MS - 1)).toEqual(webhook(id));
    expect(getCachedWebhook(id, t0 + CACHE_TTL_MS)).toBeUndefined();
    expect(getCachedWebhook(id, t0)).toBeUndefined(); // expired entries are dropped, not revived
  });

  it("caches an unknown id as null, distinct from a miss", () => {
    const id = `wh_null_${Math.random()}`;
    expect(getCachedWebhook(id)).toBeUndefined();
    setCachedWebhook(id, null);
    expect(getCachedWebhook(id)).toBeNull();
  });

  it("forgets an entry when invalidated", () => {
    const id = `wh_inv_${Math.random()}`;
    setCachedWebhook(id, webhook(id));
    invalidateCachedWebhook(id);
    expect(getCachedWebhook(id)).toBeUndefined();
  });

  it("stays bounded under a flood of distinct ids", () => {
    const first = `wh_flood_first_${Math.random()}`;
    setCachedWebhook(first, null);
    for (let i = 0; i < 10_001; i++) setCachedWebhook(`wh_flood_${i}`, null);
    expect(getCachedWebhook(first)).toBeUndefined();
    expect(getCachedWebhook("wh_flood_10000")).toBeNull();
  });
});
