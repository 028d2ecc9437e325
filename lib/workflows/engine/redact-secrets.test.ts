import { describe, expect, it } from "vitest";

import { createRedactor } from "./redact-secrets";

const redactor = createRedactor({
  CRM_TOKEN: "tok_live_8f3a9c2d",
  QUOTED: 'pa"ss\\word',
  SPACED: "two words&more",
  SHORT: "abc",
});

describe("createRedactor", () => {
  it.each([
    ["a header value", "Bearer tok_live_8f3a9c2d", "Bearer [secret:CRM_TOKEN]"],
    ["every occurrence", "tok_live_8f3a9c2d/tok_live_8f3a9c2d", "[secret:CRM_TOKEN]/[secret:CRM_TOKEN]"],
    ["the JSON-escaped form", JSON.stringify({ p: 'pa"ss\\word' }), '{"p":"[secret:QUOTED]"}'],
    ["the URL-encoded form", "https://x.example/?q=two%20words%26more", "https://x.example/?q=[secret:SPACED]"],
    ["text without secrets", "nothing to hide", "nothing to hide"],
    ["values under 4 characters", "abc is left", "abc is left"],
  ])("redacts %s", (_case, input, expected) => {
    expect(redactor.text(input)).toBe(expected);
  });

  it("walks objects, arrays and keys, leaving other types as they are", () => {
    const stored = redactor.value({
      headers: { authorization: "Bearer tok_live_8f3a9c2d" },
      list: ["tok_live_8f3a9c2d", 42, true, null],
      tok_live_8f3a9c2d: "as a key",
    });
    expect(stored).toEqual({
      headers: { authorization: "Bearer [secret:CRM_TOKEN]" },
      list: ["[secret:CRM_TOKEN]", 42, true, null],
      "[secret:CRM_TOKEN]": "as a key",
    });
    expect(JSON.stringify(stored)).not.toContain("tok_live_8f3a9c2d");
  });

  it("replaces a secret that contains another one whole", () => {
    const nested = createRedactor({ INNER: "secret-part", OUTER: "prefix-secret-part-suffix" });
    expect(nested.text("prefix-secret-part-suffix and secret-part")).toBe("[secret:OUTER] and [secret:INNER]");
  });

  it("returns the value itself when there is nothing to redact", () => {
    const value = { a: 1 };
    expect(createRedactor({}).value(value)).toBe(value);
  });
});
