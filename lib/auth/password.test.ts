import { describe, expect, it } from "vitest";

import { defaultScryptParams, hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { passwordSchema } from "./password-policy";

// Cheap parameters keep the table fast; one test checks the real defaults.
const fast = { N: 2 ** 10, r: 8, p: 1 };

describe("hashPassword", () => {
  it("writes the default parameters into a self-describing hash", async () => {
    const hash = await hashPassword("correct horse battery");
    const [scheme, N, r, p, salt, key] = hash.split("$");
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(["scrypt", defaultScryptParams.N, 8, 1]);
    expect(defaultScryptParams.N).toBe(2 ** 16);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(await verifyPassword({ password: "correct horse battery", hash })).toBe(true);
  });

  it("salts every hash: the same password hashes differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password", fast), hashPassword("same password", fast)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword({ password: "same password", hash: a })).toBe(true);
    expect(await verifyPassword({ password: "same password", hash: b })).toBe(true);
  });

  it("never contains the password", async () => {
    expect(await hashPassword("visible-password", fast)).not.toContain("visible-password");
  });
});

describe("verifyPassword", () => {
  it.each([
    ["a different password", "another password"],
    ["different case", "CORRECT HORSE BATTERY"],
    ["a prefix", "correct horse"],
    ["a trailing space", "correct horse battery "],
    ["an empty string", ""],
  ])("rejects %s", async (_name, candidate) => {
    const hash = await hashPassword("correct horse battery", fast);
    expect(await verifyPassword({ password: candidate, hash })).toBe(false);
  });

  it("verifies hashes made with other parameters (they are read from the hash)", async () => {
    const hash = await hashPassword("parameters change", { N: 2 ** 11, r: 4, p: 2 });
    expect(hash.startsWith("scrypt$2048$4$2$")).toBe(true);
    expect(await verifyPassword({ password: "parameters change", hash })).toBe(true);
  });

  it("treats composed and decomposed Unicode the same", async () => {
    const hash = await hashPassword("caf\u00e9-password", fast);
    expect(await verifyPassword({ password: "cafe\u0301-password", hash })).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["another scheme", "bcrypt$2b$10$abcdefghijklmnopqrstuv"],
    ["too few parts", "scrypt$1024$8$1$c2FsdHNhbHQ="],
    ["N not a power of two", "scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["a huge N", "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["r of zero", "scrypt$1024$0$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["an empty key", "scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA==$"],
  ])("never matches %s as the stored hash", async (_name, hash) => {
    expect(await verifyPassword({ password: "", hash })).toBe(false);
    expect(await verifyPassword({ password: "anything at all", hash })).toBe(false);
  });

  it("has a dummy check for unknown accounts that always fails", async () => {
    expect(await verifyAgainstDummy("any password")).toBe(false);
  });
});

describe("passwordSchema", () => {
  it.each([
    ["9 characters", "a".repeat(9), false],
    ["10 characters", "a".repeat(10), true],
    ["200 characters", "a".repeat(200), true],
    ["201 characters", "a".repeat(201), false],
  ])("%s -> %s", (_name, password, ok) => {
    expect(passwordSchema.safeParse(password).success).toBe(ok);
  });

  it("rejects what is not a string", () => {
    expect(passwordSchema.safeParse(12345678901).success).toBe(false);
    expect(passwordSchema.safeParse(null).success).toBe(false);
  });
});
