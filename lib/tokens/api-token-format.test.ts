import { describe, expect, it } from "vitest";

import { generateApiToken, hashApiToken, isWellFormedApiToken, readBearerCredential } from "./api-token-format";

describe("generateApiToken", () => {
  it("makes a recognisable, well-formed token whose stored parts do not reveal it", () => {
    const { token, prefix, tokenHash } = generateApiToken();
    expect(token).toMatch(/^awt_[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedApiToken(token)).toBe(true);
    expect(prefix).toBe(token.slice(0, 12));
    expect(tokenHash).toBe(hashApiToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token.slice(4));
  });

  it("never makes the same token twice", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateApiToken().token));
    expect(tokens.size).toBe(50);
  });
});

describe("isWellFormedApiToken", () => {
  const valid = `awt_${"A".repeat(43)}`;
  it.each([
    [valid, true],
    [`awt_${"a-_9".repeat(10)}abc`, true],
    [`awt_${"A".repeat(42)}`, false],
    [`awt_${"A".repeat(44)}`, false],
    [`AWT_${"A".repeat(43)}`, false],
    [`awt_${"A".repeat(42)}=`, false],
    ["A".repeat(47), false],
    ["", false],
  ])("%s → %s", (value, expected) => {
    expect(isWellFormedApiToken(value)).toBe(expected);
  });
});

describe("readBearerCredential", () => {
  it.each([
    [null, null],
    ["Basic dXNlcjpwYXNz", null],
    ["Bearerish abc", null],
    ["Bearer awt_abc", "awt_abc"],
    ["bearer awt_abc", "awt_abc"],
    ["BEARER   awt_abc  ", "awt_abc"],
    ["Bearer", ""],
    ["Bearer   ", ""],
    ["Bearer two words", "two words"],
  ])("%s → %s", (header, expected) => {
    expect(readBearerCredential(header)).toBe(expected);
  });
});
