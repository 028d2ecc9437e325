import { describe, expect, it } from "vitest";
import { generatePrivateKey } from "./private-key";

describe("generatePrivateKey", () => {
  it("is awk_ and 256 random bits as base64url", () => {
    const key = generatePrivateKey();
    expect(key).toMatch(/^awk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
  });

  it("never repeats", () => {
    expect(new Set(Array.from({ length: 1000 }, generatePrivateKey)).size).toBe(1000);
  });
});
