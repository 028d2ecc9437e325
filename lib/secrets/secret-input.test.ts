import { describe, expect, it } from "vitest";

import { putSecretInput, secretNameSchema } from "./secret-input";

describe("secret names", () => {
  it.each(["CRM_TOKEN", "A", "API_KEY_2", "X_"])("accepts %s", (name) => {
    expect(secretNameSchema.parse(name)).toBe(name);
  });

  it.each([
    ["empty", ""],
    ["lower case", "crm_token"],
    ["mixed case", "CrmToken"],
    ["a leading digit", "2FA_SEED"],
    ["a leading underscore", "_TOKEN"],
    ["a dash", "CRM-TOKEN"],
    ["a dot", "CRM.TOKEN"],
    ["a space", "CRM TOKEN"],
    ["a template", "{{X}}"],
    ["65 characters", "A".repeat(65)],
  ])("refuses %s", (_case, name) => {
    expect(secretNameSchema.safeParse(name).success).toBe(false);
  });
});

describe("secret values", () => {
  it("accepts a token and refuses anything else in the body", () => {
    expect(putSecretInput.parse({ value: "tok_123" })).toEqual({ value: "tok_123" });
    expect(putSecretInput.safeParse({ value: "tok", name: "X" }).success).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["NUL", "a\u0000b"],
    ["surrounding spaces", " tok "],
    ["a trailing line break", "tok\n"],
    ["over 8000 characters", "x".repeat(8_001)],
    ["a number", 42],
  ])("refuses %s", (_case, value) => {
    expect(putSecretInput.safeParse({ value }).success).toBe(false);
  });
});
