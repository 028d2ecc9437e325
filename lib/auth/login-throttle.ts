import "server-only";

import type { Db } from "@/lib/db";

/**
 * Sign-in throttling, in the LoginThrottle table so every instance shares it. Failures are
 * counted per account (the email tried) and per client IP within a window; past the limit the
 * key is locked for a while. Success clears the account's count, not the IP's: otherwise one
 * valid account would let an attacker reset the IP limit while guessing others. A request whose
 * address is unknown (ip null) is counted per account only: one shared bucket for every such
 * client would let anyone lock everybody out.
 */
export const loginThrottleLimits = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

type Scope = keyof typeof loginThrottleLimits;

const keyOf = (scope: Scope, value: string) => `${scope}:${value.toLowerCase().slice(0, 320)}`;
type ThrottleSubject = { email: string; ip: string | null };

const keysOf = (opts: ThrottleSubject) => [
  { scope: "account" as const, key: keyOf("account", opts.email) },
  ...(opts.ip ? [{ scope: "ip" as const, key: keyOf("ip", opts.ip) }] : []),
];

/** Seconds until sign-in may be tried again for this email or IP; null when it may be tried now. */
export async function getLoginRetryAfter(opts: ThrottleSubject & { db: Db }): Promise<number | null> {
  const rows = await opts.db.loginThrottle.findMany({ where: { key: { in: keysOf(opts).map((entry) => entry.key) } } });
  const now = Date.now();
  const lockedUntil = Math.max(0, ...rows.map((row) => row.lockedUntil?.getTime() ?? 0));
  return lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : null;
}

async function countFailure(db: Db, scope: Scope, key: string): Promise<void> {
  const limits = loginThrottleLimits[scope];
  const now = new Date();
  const windowStart = new Date(now.getTime() - limits.windowMs);
  // A count within the current window grows; an old one (or none) starts again at 1.
  const { count } = await db.loginThrottle.updateMany({
    where: { key, windowStartedAt: { gt: windowStart } },
    data: { failures: { increment: 1 } },
  });
  if (count === 0) {
    await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, windowStartedAt: now },
      update: { failures: 1, windowStartedAt: now, lockedUntil: null },
    });
  }
  // Conditional on the count, so concurrent failures all see the same outcome.
  await db.loginThrottle.updateMany({
    where: { key, failures: { gte: limits.maxFailures }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: new Date(now.getTime() + limits.lockMs), failures: 0, windowStartedAt: now },
  });
}

/** Counts a failed sign-in against the email tried and the client IP. */
export async function recordLoginFailure(opts: ThrottleSubject & { db: Db }): Promise<void> {
  for (const { scope, key } of keysOf(opts)) await countFailure(opts.db, scope, key);
}

/** A successful sign-in clears the account's failures, and drops rows nobody needs any more. */
export async function resetLoginThrottle(opts: { db: Db; email: string }): Promise<void> {
  const now = Date.now();
  const oldest = new Date(now - Math.max(loginThrottleLimits.account.windowMs, loginThrottleLimits.ip.windowMs));
  await opts.db.loginThrottle.deleteMany({
    where: {
      OR: [
        { key: keyOf("account", opts.email) },
        { windowStartedAt: { lt: oldest }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date(now) } }] },
      ],
    },
  });
}
