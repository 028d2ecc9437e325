/**
 * Pure: how long to wait before attempt `attempt + 1` after attempt `attempt` failed.
 * Exponential (base, 2×base, 4×base…) with "equal jitter": half fixed, half random, so retries
 * of many runs that failed together spread out instead of hammering a recovering service at once.
 */
export function computeBackoffMs(opts: {
  attempt: number;
  baseSeconds: number;
  random?: () => number;
  maxMs?: number;
}): number {
  const random = opts.random ?? Math.random;
  const maxMs = opts.maxMs ?? 60 * 60 * 1000;
  const exponential = Math.min(maxMs, opts.baseSeconds * 1000 * 2 ** Math.max(0, opts.attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
