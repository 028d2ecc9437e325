import "server-only";

import type { IngestWebhook } from "./ingest-webhook";
import { isIpAllowed } from "./ip-allow-list";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limiter";

// The checks that run before the body is read, so that a flood costs no body read, no signature
// work and (mostly) no database write. The token buckets are this process's: the limit is per
// instance (see rate-limiter.ts), and a restart refills them.

export type Admission =
  | { ok: true }
  | { ok: false; code: "ip_not_allowed"; record: boolean }
  | { ok: false; code: "rate_limited"; retryAfterSeconds: number; record: boolean };

const globalForLimits = globalThis as typeof globalThis & {
  __webhookLimiters?: { requests: RateLimiter; records: RateLimiter };
};
const limiters = (globalForLimits.__webhookLimiters ??= {
  requests: createRateLimiter(),
  // A refused flood is logged as one rejected delivery per webhook, reason and second.
  records: createRateLimiter({ maxKeys: 20_000 }),
});
const oneRecordPerSecond: RateLimit = { perSecond: 1, burst: 1 };

function shouldRecord(webhookId: string, code: string): boolean {
  return limiters.records.take({ key: `${webhookId}:${code}`, limit: oneRecordPerSecond }).allowed;
}

/**
 * The allow-list first (a refused sender must not use up the webhook's tokens), then the rate
 * limit: the webhook's own rate and burst where set, else the instance defaults. Every request
 * takes a token, signed or not: the limit protects the instance, so it is counted before the
 * signature is checked.
 */
export function admitRequest(opts: {
  webhook: IngestWebhook;
  clientIp: string | null;
  defaults: RateLimit;
}): Admission {
  const { webhook } = opts;
  if (webhook.ipAllowList !== null && !isIpAllowed({ ip: opts.clientIp, allowList: webhook.ipAllowList })) {
    return { ok: false, code: "ip_not_allowed", record: shouldRecord(webhook.id, "ip_not_allowed") };
  }
  const limit = {
    perSecond: webhook.rateLimit.perSecond ?? opts.defaults.perSecond,
    burst: webhook.rateLimit.burst ?? opts.defaults.burst,
  };
  const decision = limiters.requests.take({ key: webhook.id, limit });
  if (decision.allowed) return { ok: true };
  return {
    ok: false,
    code: "rate_limited",
    retryAfterSeconds: decision.retryAfterSeconds,
    record: shouldRecord(webhook.id, "rate_limited"),
  };
}
