import "server-only";

import type { IngestWebhook } from "./ingest-webhook";
import { isIpAllowed } from "./ip-allow-list";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limiter";

// The rate limits and the allow-list. Verified requests count against the webhook's bucket;
// refused ones (unsigned, bad signature, wrong content type…) against a bucket per source
// address, so that no amount of unsigned traffic can use up a signed sender's tokens. The
// buckets are this process's: the limit is per instance (see rate-limiter.ts), and a restart
// refills them.

export type Admission =
  | { ok: true }
  | { ok: false; code: "ip_not_allowed"; record: boolean }
  | { ok: false; code: "rate_limited"; retryAfterSeconds: number; record: boolean };

const globalForLimits = globalThis as typeof globalThis & {
  __webhookLimiters?: { requests: RateLimiter; rejected: RateLimiter; records: RateLimiter };
};
const limiters = (globalForLimits.__webhookLimiters ??= {
  requests: createRateLimiter(),
  // One bucket per source address; the least recently seen ones are dropped past maxKeys.
  rejected: createRateLimiter({ maxKeys: 10_000 }),
  // A refused flood is logged as one rejected delivery per webhook, reason and second.
  records: createRateLimiter({ maxKeys: 20_000 }),
});
const oneRecordPerSecond: RateLimit = { perSecond: 1, burst: 1 };

function shouldRecord(webhookId: string, code: string): boolean {
  return limiters.records.take({ key: `${webhookId}:${code}`, limit: oneRecordPerSecond }).allowed;
}

function webhookLimit(webhook: IngestWebhook, defaults: RateLimit): RateLimit {
  return {
    perSecond: webhook.rateLimit.perSecond ?? defaults.perSecond,
    burst: webhook.rateLimit.burst ?? defaults.burst,
  };
}

function rateLimited(webhookId: string, retryAfterSeconds: number): Admission {
  return { ok: false, code: "rate_limited", retryAfterSeconds, record: shouldRecord(webhookId, "rate_limited") };
}

/**
 * Before the body is read: the allow-list (a refused sender uses up no tokens), then whether the
 * webhook's bucket (its own rate and burst where set, else the instance defaults) has a token
 * left. Nothing is taken yet: only a request that verifies takes one (takeVerified), so a flood
 * of unsigned requests reaching this point cannot empty it.
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
  const decision = limiters.requests.peek({ key: webhook.id, limit: webhookLimit(webhook, opts.defaults) });
  return decision.allowed ? { ok: true } : rateLimited(webhook.id, decision.retryAfterSeconds);
}

/** A verified request takes a token from the webhook's bucket. */
export function takeVerified(opts: { webhook: IngestWebhook; defaults: RateLimit }): Admission {
  const decision = limiters.requests.take({ key: opts.webhook.id, limit: webhookLimit(opts.webhook, opts.defaults) });
  return decision.allowed ? { ok: true } : rateLimited(opts.webhook.id, decision.retryAfterSeconds);
}

/**
 * A refused request takes a token from its source's bucket; without one it is answered 429
 * instead. Requests without a known address (no X-Forwarded-For from the trusted proxy) share
 * one bucket: they can only crowd out each other's refusals, never a verified request.
 */
export function takeRejected(opts: { webhookId: string; clientIp: string | null; limit: RateLimit }): Admission {
  const decision = limiters.rejected.take({ key: opts.clientIp ?? "", limit: opts.limit });
  return decision.allowed ? { ok: true } : rateLimited(opts.webhookId, decision.retryAfterSeconds);
}

/**
 * Whether a refusal is written to the webhook's log. Per-source buckets alone would not bound
 * the writes: a sender can claim any number of addresses where no proxy sets X-Forwarded-For.
 * So the webhook's log takes refusals at `limit` too; past it they are answered, not stored.
 */
export function shouldLogRejection(opts: { webhookId: string; limit: RateLimit }): boolean {
  return limiters.records.take({ key: `${opts.webhookId}:rejected`, limit: opts.limit }).allowed;
}
