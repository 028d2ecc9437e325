import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { decryptSecret, encryptSecret } from "./secret-box";

const masterKey = Buffer.from("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "hex");
const associatedData = "webhook-key:wh_1";
const plaintext = "awk_s3cr3t-Key_with-every-char";

function replacePart(sealed: string, index: number, change: (bytes: Buffer) => Buffer): string {
  const parts = sealed.split(".");
  parts[index] = change(Buffer.from(parts[index], "base64url")).toString("base64url");
  return parts.join(".");
}
const flipFirstBit = (bytes: Buffer) => {
  const copy = Buffer.from(bytes);
  copy[0] ^= 1;
  return copy;
};

describe("secret box (AES-256-GCM)", () => {
  it.each([plaintext, "", "ünïcødé ✓ 🔑", "x".repeat(10_000)])("round-trips %#", (text) => {
    const sealed = encryptSecret({ masterKey, plaintext: text, associatedData });
    expect(decryptSecret({ masterKey, sealed, associatedData })).toBe(text);
  });

  it("seals as v1.<iv>.<tag>.<ciphertext> without the plaintext, and differently each time", () => {
    const a = encryptSecret({ masterKey, plaintext, associatedData });
    const b = encryptSecret({ masterKey, plaintext, associatedData });
    const [version, iv, tag, ciphertext] = a.split(".");
    expect(version).toBe("v1");
    expect(Buffer.from(iv, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag, "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext, "base64url")).toHaveLength(Buffer.byteLength(plaintext));
    expect(a).not.toContain(plaintext);
    expect(a).not.toBe(b);
    expect(decryptSecret({ masterKey, sealed: b, associatedData })).toBe(plaintext);
  });

  const sealed = encryptSecret({ masterKey, plaintext, associatedData });
  it.each<[string, Parameters<typeof decryptSecret>[0]]>([
    ["another master key", { masterKey: randomBytes(32), sealed, associatedData }],
    ["a master key one bit off", { masterKey: flipFirstBit(masterKey), sealed, associatedData }],
    ["another webhook's associated data", { masterKey, sealed, associatedData: "webhook-key:wh_2" }],
    ["empty associated data", { masterKey, sealed, associatedData: "" }],
    ["a tampered ciphertext", { masterKey, sealed: replacePart(sealed, 3, flipFirstBit), associatedData }],
    [
      "a truncated ciphertext",
      { masterKey, sealed: replacePart(sealed, 3, (bytes) => bytes.subarray(1)), associatedData },
    ],
    ["a tampered tag", { masterKey, sealed: replacePart(sealed, 2, flipFirstBit), associatedData }],
    ["a tampered iv", { masterKey, sealed: replacePart(sealed, 1, flipFirstBit), associatedData }],
    ["another version", { masterKey, sealed: sealed.replace(/^v1/, "v2"), associatedData }],
    ["a missing part", { masterKey, sealed: sealed.split(".").slice(0, 3).join("."), associatedData }],
    ["an empty string", { masterKey, sealed: "", associatedData }],
  ])("refuses to open with %s", (_name, opts) => {
    expect(() => decryptSecret(opts)).toThrow();
  });
});
