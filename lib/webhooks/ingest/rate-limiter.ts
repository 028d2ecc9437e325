// Pure: token buckets in memory, one per key. Each bucket holds up to `burst` tokens and refills
// at `perSecond`; a request takes one token or is refused with the seconds until one is back.
// Buckets live in this process only and know nothing of other instances: to make a limit hold
// across several, callers pass each instance its share (lib/instances/instance-share.ts, as
// admit-request.ts does for webhooks), which is exact only when the load balancer spreads a
// sender's requests evenly over the instances.

export type RateLimit = { perSecond: number; burst: number };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  take(opts: { key: string; limit: RateLimit }): RateDecision;
  /** What `take` would decide now, taking nothing (a key without a bucket has a full one). */
  peek(opts: { key: string; limit: RateLimit }): RateDecision;
  /** Buckets held now (never more than `maxKeys`). */
  size(): number;
};

type Bucket = { tokens: number; updatedAt: number };

/**
 * `now` is injectable for tests. Memory stays bounded: past `maxKeys` buckets, the least recently
 * used one is dropped. A dropped bucket comes back full, which only ever errs towards letting a
 * request through, and only for keys idle longer than every other one.
 */
export function createRateLimiter(opts: { now?: () => number; maxKeys?: number } = {}): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();
  const refilled = (bucket: Bucket, limit: RateLimit, at: number) =>
    Math.min(Math.max(1, limit.burst), bucket.tokens + (Math.max(0, at - bucket.updatedAt) / 1000) * limit.perSecond);
  const refused = (tokens: number, limit: RateLimit): RateDecision => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
  });

  return {
    take({ key, limit }) {
      const at = now();
      const burst = Math.max(1, limit.burst);
      const existing = buckets.get(key);
      const bucket = existing ?? { tokens: burst, updatedAt: at };
      // Map order is insertion order: re-inserting keeps the least recently used key first.
      if (existing) buckets.delete(key);
      else if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, bucket);

      bucket.tokens = refilled(bucket, limit, at);
      bucket.updatedAt = Math.max(bucket.updatedAt, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return refused(bucket.tokens, limit);
    },
    peek({ key, limit }) {
      const bucket = buckets.get(key);
      if (!bucket) return { allowed: true };
      const tokens = refilled(bucket, limit, now());
      return tokens >= 1 ? { allowed: true } : refused(tokens, limit);
    },
    size: () => buckets.size,
  };
}
