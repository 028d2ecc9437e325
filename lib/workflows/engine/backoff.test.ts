import { describe, expect, it } from "vitest";

import { computeBackoffMs } from "./backoff";

describe("computeBackoffMs", () => {
  it.each([
    // attempt, base s, random, expected ms: half of base·2^(attempt-1) fixed, half scaled by random
    [1, 10, 0, 5_000],
    [1, 10, 1, 10_000],
    [2, 10, 0, 10_000],
    [2, 10, 0.5, 15_000],
    [3, 10, 1, 40_000],
    [4, 1, 0.25, 5_000],
  ])("attempt %i with base %i s and random %f waits %i ms", (attempt, baseSeconds, random, expected) => {
    expect(computeBackoffMs({ attempt, baseSeconds, random: () => random })).toBe(expected);
  });

  it("grows exponentially but never past the cap", () => {
    const waits = [1, 2, 3, 4, 5, 30].map((attempt) =>
      computeBackoffMs({ attempt, baseSeconds: 60, random: () => 1, maxMs: 300_000 }),
    );
    expect(waits).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it("spreads retries of runs that failed together (jitter)", () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const waits = new Set(Array.from({ length: 50 }, () => computeBackoffMs({ attempt: 3, baseSeconds: 10, random })));
    expect(waits.size).toBeGreaterThan(40);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(20_000);
      expect(wait).toBeLessThanOrEqual(40_000);
    }
  });
});
