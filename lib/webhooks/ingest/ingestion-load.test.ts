import { describe, expect, it } from "vitest";

import { isIngesting, trackIngestion } from "./ingestion-load";

describe("ingestion load", () => {
  it("is busy while a request is in flight and for a short quiet period after the last one started", () => {
    const done = trackIngestion();
    expect(isIngesting()).toBe(true);
    done();
    done(); // a second call must not count the request out twice
    const justAfter = Date.now();
    expect(isIngesting(justAfter)).toBe(true);
    expect(isIngesting(justAfter + 1_000)).toBe(false);
  });

  it("stays busy while any of several overlapping requests is in flight", () => {
    const first = trackIngestion();
    const second = trackIngestion();
    first();
    expect(isIngesting(Date.now() + 1_000)).toBe(true);
    second();
    expect(isIngesting(Date.now() + 1_000)).toBe(false);
  });
});
