import { describe, expect, it } from "vitest";

import { generatePrivateKey } from "./private-key";

describe("generatePrivateKey", () => {
  it("is awk_ and 256 random bits as base64url for x-signature (the default)", () => {
    const key = generatePrivateKey();
    expect(key).toMatch(/^awk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
    expect(generatePrivateKey("x-signature")).toMatch(/^awk_/);
  });

  it("is whsec_ and 256 random bits as standard base64 for Standard Webhooks", () => {
    const key = generatePrivateKey("standard-webhooks");
    expect(key).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key.slice(6), "base64")).toHaveLength(32);
  });

  it("never repeats", () => {
    expect(new Set(Array.from({ length: 1000 }, () => generatePrivateKey())).size).toBe(1000);
    expect(new Set(Array.from({ length: 1000 }, () => generatePrivateKey("standard-webhooks"))).size).toBe(1000);
  });
});
