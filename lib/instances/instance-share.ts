import type { RateLimit } from "@/lib/webhooks/ingest/rate-limiter";

// This instance's share of limits that hold for all instances together. Instances do not talk to
// each other on the hot path: each one knows how many web instances are live (a number in memory,
// set by the heartbeat timer in instance-heartbeat.ts) and enforces rate / N with burst / N.
// Behind a load balancer that spreads requests evenly (round-robin, least connections) the total
// stays at the limit; a sender pinned to one instance (sticky sessions, hashing on the source
// address) gets only that instance's share. The count is kept on globalThis so that every bundle
// loaded in this process (Next's, the server's fast path) reads the same number.

const globalForInstances = globalThis as typeof globalThis & { __workbenchLiveInstances?: { count: number } };
const live = (globalForInstances.__workbenchLiveInstances ??= { count: 1 });

/**
 * `limit` split `instances` ways. The rate divides exactly (the token bucket refills fractional
 * tokens); the burst is rounded down, so the instances' bursts together never exceed the limit's,
 * but never below one token: a limit smaller than the number of instances still admits a request
 * on each of them (at most instances - 1 more than the burst in total).
 */
export function shareOfRateLimit(opts: { limit: RateLimit; instances: number }): RateLimit {
  const instances = Math.max(1, Math.floor(opts.instances));
  if (instances === 1) return opts.limit;
  return {
    perSecond: opts.limit.perSecond / instances,
    burst: Math.max(1, Math.floor(opts.limit.burst / instances)),
  };
}

/** Live web instances as of the last heartbeat, this one included (1 until the first beat, or without one). */
export function getLiveInstanceCount(): number {
  return live.count;
}

export function setLiveInstanceCount(count: number): void {
  live.count = Math.max(1, Math.floor(count));
}

/** This instance's share of `limit`, for the hot path: no I/O, only the count in memory. */
export function instanceShareOf(limit: RateLimit): RateLimit {
  return shareOfRateLimit({ limit, instances: live.count });
}
