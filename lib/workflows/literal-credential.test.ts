import { describe, expect, it } from "vitest";

import { findLiteralCredential, suggestSecretName } from "./literal-credential";

describe("findLiteralCredential", () => {
  it.each([
    ["a bearer token", "Authorization", "Bearer 9f8e7d6c5b4a3f2e1d0c"],
    ["a bearer token under any header name", "X-Upstream-Auth", "Bearer 9f8e7d6c5b4a3f2e1d0c"],
    ["basic credentials", "Authorization", "Basic dXNlcjpwYXNzd29yZA=="],
    ["a lower-case scheme", "authorization", "bearer abcdefgh12345678"],
    ["a bare authorization value", "Authorization", "abcdefgh12345678"],
    ["an API key header", "X-Api-Key", "k_4b3a2f1e0d9c8b7a"],
    ["a token header", "X-Auth-Token", "4b3a2f1e0d9c"],
    ["a short literal under a credential's name", "X-Api-Key", "abcd"],
    ["a secret header", "X-Client-Secret", "s3cr3t-value-123"],
    ["a cookie", "Cookie", "session=abcdef123456"],
    ["a known key shape under a harmless name", "X-Notes", "sk-proj-abcdefghijklmnopqrstuvwx"],
    ["a GitHub token", "X-Whatever", "ghp_abcdefghijklmnopqrstuvwxyz0123"],
    ["a JWT", "X-Forwarded-Identity", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl"],
    ["a literal beside a template", "Authorization", "Bearer abcdefgh12345678{{ '' }}"],
  ])("warns for %s", (_case, name, value) => {
    expect(findLiteralCredential({ name, value })).toMatch(/looks like a credential.*\{\{ secrets\.[A-Z_]+ \}\}/);
  });

  it.each([
    ["a secret reference", "Authorization", "Bearer {{ secrets.CRM_TOKEN }}"],
    ["a bare secret reference", "X-Api-Key", "{{ secrets.CRM_KEY }}"],
    ["a token from an earlier step", "Authorization", "Bearer {{ steps.login.body.access_token }}"],
    ["an empty value", "Authorization", "  "],
    ["a short word after a scheme", "X-Mode", "Token test"],
    ["a key from the trigger", "X-Api-Key", " {{ trigger.body.key }} "],
    ["an ordinary header", "Accept", "application/json"],
    ["a content type", "Content-Type", "application/json; charset=utf-8"],
    ["a templated id", "X-Request-Id", "{{ execution.id }}"],
    ["a long ordinary value", "User-Agent", "AgentWorkbench/1.0 (+https://example.com)"],
  ])("stays quiet for %s", (_case, name, value) => {
    expect(findLiteralCredential({ name, value })).toBeNull();
  });
});

describe("suggestSecretName", () => {
  it.each([
    ["X-Api-Key", "X_API_KEY"],
    ["Authorization", "API_TOKEN"],
    ["proxy-authorization", "API_TOKEN"],
    ["x-auth-token", "X_AUTH_TOKEN"],
    ["", "API_TOKEN"],
    ["9-token", "TOKEN"],
  ])("%s -> %s", (header, name) => {
    expect(suggestSecretName(header)).toBe(name);
  });
});
