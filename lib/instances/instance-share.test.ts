import { afterEach, describe, expect, it } from "vitest";

import { createRateLimiter } from "@/lib/webhooks/ingest/rate-limiter";

import { getLiveInstanceCount, instanceShareOf, setLiveInstanceCount, shareOfRateLimit } from "./instance-share";

describe("shareOfRateLimit", () => {
  it.each([
    // limit, instances, share
    [{ perSecond: 100, burst: 200 }, 1, { perSecond: 100, burst: 200 }],
    [{ perSecond: 100, burst: 200 }, 2, { perSecond: 50, burst: 100 }],
    [{ perSecond: 100, burst: 200 }, 3, { perSecond: 100 / 3, burst: 66 }], // 3 × 66 = 198, never over 200
    [{ perSecond: 10, burst: 5 }, 2, { perSecond: 5, burst: 2 }],
    [{ perSecond: 1, burst: 1 }, 2, { perSecond: 0.5, burst: 1 }], // a small limit still admits one per instance
    [{ perSecond: 1, burst: 3 }, 4, { perSecond: 0.25, burst: 1 }],
    [{ perSecond: 100, burst: 200 }, 0, { perSecond: 100, burst: 200 }], // never fewer than this instance
    [{ perSecond: 100, burst: 200 }, 2.7, { perSecond: 50, burst: 100 }],
  ])("splits %j across %d instances as %j", (limit, instances, share) => {
    expect(shareOfRateLimit({ limit, instances })).toEqual(share);
  });

  it("keeps the total of the shares at the limit over time, within one token per instance", () => {
    let time = 0;
    const limit = { perSecond: 7, burst: 10 };
    const instances = 3;
    const limiters = Array.from({ length: instances }, () => createRateLimiter({ now: () => time }));
    let admitted = 0;
    // Round-robin, 30 requests per second for 10 s: far more than the limit.
    for (let request = 0; request < 300; request++) {
      time = request * (1000 / 30);
      const share = shareOfRateLimit({ limit, instances });
      if (limiters[request % instances].take({ key: "wh", limit: share }).allowed) admitted += 1;
    }
    const allowed = limit.perSecond * (time / 1000) + limit.burst;
    expect(admitted).toBeLessThanOrEqual(Math.ceil(allowed));
    expect(admitted).toBeGreaterThanOrEqual(Math.floor(allowed) - instances);
  });
});

describe("the live instance count", () => {
  afterEach(() => setLiveInstanceCount(1));

  it("is 1 until a heartbeat sets it, and never below 1", () => {
    expect(getLiveInstanceCount()).toBe(1);
    setLiveInstanceCount(4);
    expect(getLiveInstanceCount()).toBe(4);
    expect(instanceShareOf({ perSecond: 100, burst: 200 })).toEqual({ perSecond: 25, burst: 50 });
    setLiveInstanceCount(0);
    expect(getLiveInstanceCount()).toBe(1);
    expect(instanceShareOf({ perSecond: 100, burst: 200 })).toEqual({ perSecond: 100, burst: 200 });
  });
});
