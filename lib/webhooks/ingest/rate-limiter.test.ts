import { describe, expect, it } from "vitest";

import { createRateLimiter } from "./rate-limiter";

function clock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("createRateLimiter", () => {
  it("peeks without taking: as many peeks as wanted leave the bucket as it was", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    const limit = { perSecond: 1, burst: 2 };
    expect(limiter.peek({ key: "new", limit })).toEqual({ allowed: true });
    expect(limiter.size()).toBe(0);
    for (let i = 0; i < 5; i++) expect(limiter.peek({ key: "k", limit })).toEqual({ allowed: true });
    expect(limiter.take({ key: "k", limit })).toEqual({ allowed: true });
    expect(limiter.take({ key: "k", limit })).toEqual({ allowed: true });
    expect(limiter.peek({ key: "k", limit })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(1_000);
    expect(limiter.peek({ key: "k", limit })).toEqual({ allowed: true });
    expect(limiter.take({ key: "k", limit })).toEqual({ allowed: true });
    expect(limiter.peek({ key: "k", limit }).allowed).toBe(false);
  });

  it("lets a burst through, then refuses with the seconds until a token is back", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    const limit = { perSecond: 1, burst: 3 };
    const decisions = Array.from({ length: 5 }, () => limiter.take({ key: "wh_1", limit }));
    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 1 },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
  });

  it("refills at the rate, never above the burst", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    const limit = { perSecond: 2, burst: 4 };
    for (let i = 0; i < 4; i++) expect(limiter.take({ key: "k", limit }).allowed).toBe(true);
    expect(limiter.take({ key: "k", limit }).allowed).toBe(false);
    time.advance(500); // one token back at 2 per second
    expect(limiter.take({ key: "k", limit }).allowed).toBe(true);
    expect(limiter.take({ key: "k", limit }).allowed).toBe(false);
    time.advance(60_000); // a long pause refills to the burst, not to 120
    const afterPause = Array.from({ length: 6 }, () => limiter.take({ key: "k", limit }).allowed);
    expect(afterPause).toEqual([true, true, true, true, false, false]);
  });

  it.each([
    [{ perSecond: 0.1, burst: 1 }, 10],
    [{ perSecond: 0.3, burst: 1 }, 4], // 3.33 s, rounded up
    [{ perSecond: 100, burst: 1 }, 1], // never 0
  ])("answers Retry-After rounded up to whole seconds for %j", (limit, seconds) => {
    const limiter = createRateLimiter({ now: clock().now });
    expect(limiter.take({ key: "k", limit }).allowed).toBe(true);
    expect(limiter.take({ key: "k", limit })).toEqual({ allowed: false, retryAfterSeconds: seconds });
  });

  it("counts refused requests as nothing: the wait does not grow with a flood", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    const limit = { perSecond: 1, burst: 1 };
    limiter.take({ key: "k", limit });
    for (let i = 0; i < 1000; i++) limiter.take({ key: "k", limit });
    time.advance(1000);
    expect(limiter.take({ key: "k", limit }).allowed).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = createRateLimiter({ now: clock().now });
    const limit = { perSecond: 1, burst: 1 };
    expect(limiter.take({ key: "a", limit }).allowed).toBe(true);
    expect(limiter.take({ key: "a", limit }).allowed).toBe(false);
    expect(limiter.take({ key: "b", limit }).allowed).toBe(true);
  });

  it("applies a changed limit at once", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    for (let i = 0; i < 10; i++) limiter.take({ key: "k", limit: { perSecond: 1, burst: 10 } });
    time.advance(5_000);
    // Lowering the burst caps what was saved up.
    expect([1, 2, 3].map(() => limiter.take({ key: "k", limit: { perSecond: 1, burst: 2 } }).allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("holds at most maxKeys buckets, dropping the least recently used", () => {
    const limiter = createRateLimiter({ now: clock().now, maxKeys: 3 });
    const limit = { perSecond: 1, burst: 1 };
    for (const key of ["a", "b", "c"]) limiter.take({ key, limit });
    limiter.take({ key: "a", limit }); // a is now the most recently used (and refused)
    limiter.take({ key: "d", limit }); // drops b
    expect(limiter.size()).toBe(3);
    expect(limiter.take({ key: "a", limit }).allowed).toBe(false); // still remembered
    expect(limiter.take({ key: "b", limit }).allowed).toBe(true); // forgotten: full again
    for (let i = 0; i < 10_000; i++) limiter.take({ key: `k${i}`, limit });
    expect(limiter.size()).toBe(3);
  });

  it("does not refill when the clock goes backwards", () => {
    const time = clock();
    const limiter = createRateLimiter({ now: time.now });
    const limit = { perSecond: 1, burst: 1 };
    limiter.take({ key: "k", limit });
    time.advance(-10_000);
    expect(limiter.take({ key: "k", limit }).allowed).toBe(false);
  });
});
