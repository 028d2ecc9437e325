import { describe, expect, it } from "vitest";

import { createLruCache } from "./lru-cache";

describe("createLruCache", () => {
  it("returns what was set, and nothing for a key never set", () => {
    const cache = createLruCache<string, number>({ max: 2 });
    cache.set("a", 1);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("b")).toBeUndefined();
  });

  it("keeps at most max entries, dropping the least recently used", () => {
    const cache = createLruCache<string, number>({ max: 2 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recently used
    cache.set("c", 3);
    expect(cache.size()).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("replaces a key's value without growing", () => {
    const cache = createLruCache<string, number>({ max: 2 });
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.size()).toBe(1);
    expect(cache.get("a")).toBe(2);
  });
});
