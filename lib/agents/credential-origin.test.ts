import { describe, expect, it } from "vitest";

import { needsCredentialAgain, originOf } from "./credential-origin";

describe("originOf", () => {
  it.each([
    ["https://api.openai.com/v1", "https://api.openai.com"],
    ["https://api.openai.com:443/v1", "https://api.openai.com"],
    ["http://localhost:11434/v1", "http://localhost:11434"],
    ["HTTPS://API.OpenAI.com/v1", "https://api.openai.com"],
    ["not a url", null],
    ["", null],
    [null, null],
  ])("%s -> %s", (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });
});

describe("needsCredentialAgain", () => {
  it.each([
    ["another host", "https://api.openai.com/v1", "https://attacker.example/v1", true],
    ["another scheme", "https://llm.example.com/v1", "http://llm.example.com/v1", true],
    ["another port", "http://localhost:11434/v1", "http://localhost:8080/v1", true],
    ["a look-alike subdomain", "https://api.openai.com/v1", "https://api.openai.com.attacker.example/v1", true],
    ["userinfo that hides the host", "https://api.openai.com/v1", "https://api.openai.com@attacker.example/v1", true],
    ["a URL set where none was", null, "https://attacker.example/v1", true],
    ["only the path", "https://api.openai.com/v1", "https://api.openai.com/v2", false],
    ["only an explicit default port", "https://api.openai.com/v1", "https://api.openai.com:443/v1", false],
    ["the URL cleared", "https://api.openai.com/v1", null, false],
  ])("%s: %s -> %s needs the key again: %s", (_name, previousUrl, nextUrl, expected) => {
    expect(needsCredentialAgain({ previousUrl, nextUrl, credentialStored: true })).toBe(expected);
  });

  it("never asks for a credential that is not stored", () => {
    expect(
      needsCredentialAgain({ previousUrl: "https://a.example", nextUrl: "https://b.example", credentialStored: false }),
    ).toBe(false);
  });
});
