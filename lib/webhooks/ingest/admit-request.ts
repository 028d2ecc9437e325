import "server-only";

import { instanceShareOf } from "@/lib/instances/instance-share";

import type { IngestWebhook } from "./ingest-webhook";
import { isIpAllowed } from "./ip-allow-list";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limiter";

// The rate limits and the allow-list. Verified requests count against the webhook's bucket;
// refused ones (unsigned, bad signature, wrong content type…) against a bucket per source
// address, so that no amount of unsigned traffic can use up a signed sender's tokens. The
// buckets are this process's (a restart refills them), but a webhook's limit holds for all web
// instances together: each one enforces its share, rate / N and burst / N for N live instances
// (lib/instances/instance-share.ts, N from the heartbeat). Behind a load balancer that spreads
// requests evenly the total is the webhook's limit; a sender pinned to one instance gets only that
// instance's share. The per-source buckets for refused requests stay per instance: they guard
// this process's work, not a webhook's quota.

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

/** This instance's share of the webhook's limit (its own rate and burst where set, else the defaults). */
function webhookLimit(webhook: IngestWebhook, defaults: RateLimit): RateLimit {
  return instanceShareOf({
    perSecond: webhook.rateLimit.perSecond ?? defaults.perSecond,
    burst: webhook.rateLimit.burst ?? defaults.burst,
  });
}

function rateLimited(webhookId: string, retryAfterSeconds: number): Admission {
  return { ok: false, code: "rate_limited", retryAfterSeconds, record: shouldRecord(webhookId, "rate_limited") };
}

/**
 * Before the body is read: the allow-list (a refused sender uses up no tokens), then whether the
 * webhook's bucket (this instance's share of its own rate and burst where set, else of the defaults) has a token
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
