import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { parseMasterKey } from "./parse-master-key";

// 0xfb 0xff… makes base64 use "+" and "/" (base64url "-" and "_"), so both alphabets are exercised.
const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i % 2 ? 0xff : 0xfb)));

describe("parseMasterKey", () => {
  it.each<[string, string]>([
    ["lower-case hex", key.toString("hex")],
    ["upper-case hex", key.toString("hex").toUpperCase()],
    ["hex with a trailing newline (as in master.key)", `${key.toString("hex")}\n`],
    ["hex with surrounding spaces", `  ${key.toString("hex")}  `],
    ["base64 with padding", key.toString("base64")],
    ["base64url without padding", key.toString("base64url")],
    ["base64 without padding", key.toString("base64").replace(/=$/, "")],
  ])("reads %s", (_name, value) => {
    expect(key.toString("base64")).toMatch(/[+/]/);
    expect(parseMasterKey(value).equals(key)).toBe(true);
  });

  it("reads a random key in every encoding to the same bytes", () => {
    const random = randomBytes(32);
    for (const value of [random.toString("hex"), random.toString("base64"), random.toString("base64url")]) {
      expect(parseMasterKey(value).equals(random)).toBe(true);
    }
  });

  it.each<[string, string]>([
    ["31 bytes of hex", randomBytes(31).toString("hex")],
    ["33 bytes of hex", randomBytes(33).toString("hex")],
    ["31 bytes of base64", randomBytes(31).toString("base64")],
    ["33 bytes of base64", randomBytes(33).toString("base64")],
    ["16 bytes of base64url", randomBytes(16).toString("base64url")],
    ["an empty value", ""],
    ["spaces", "   "],
    ["a passphrase", "correct horse battery staple"],
    ["64 characters that are not hex", "z".repeat(64)],
    ["hex with a space inside", `${"ab".repeat(16)} ${"cd".repeat(16)}`],
    ["hex with a 0x prefix", `0x${randomBytes(32).toString("hex")}`],
    ["base64 with two padding characters", `${randomBytes(32).toString("base64").slice(0, 42)}==`],
  ])("refuses %s, without echoing it", (_name, value) => {
    expect(() => parseMasterKey(value)).toThrow(/must be 32 bytes/);
    try {
      parseMasterKey(value);
    } catch (error) {
      if (value.trim()) expect((error as Error).message).not.toContain(value.trim());
    }
  });
});
