import { describe, expect, it } from "vitest";

import { buildEndpointUrl, toWebhookDto } from "./to-webhook-dto";

const now = new Date("2026-03-01T12:00:00.000Z");
const row = {
  id: "wh_1",
  agentId: "ag_1",
  name: "OCR",
  enabled: true,
  workflow: { id: "wf_1", name: "Flow" },
  signatureScheme: "x-signature",
  replayProtection: true,
  rateLimitPerSecond: null,
  rateLimitBurst: null,
  ipAllowList: null,
  keyCiphertext: "v1.a.b.c",
  keyCreatedAt: new Date("2026-02-01T00:00:00.000Z"),
  previousKeyCiphertext: "v1.d.e.f",
  previousKeyExpiresAt: new Date("2026-03-01T13:00:00.000Z"),
  createdAt: new Date("2026-01-01T00:00:00.000Z"),
  updatedAt: new Date("2026-02-01T00:00:00.000Z"),
};

describe("toWebhookDto", () => {
  it("shows whether a key exists but never the key or its ciphertext", () => {
    const dto = toWebhookDto(row, "https://wb.example.com", now);
    expect(dto).toEqual({
      id: "wh_1",
      agentId: "ag_1",
      name: "OCR",
      enabled: true,
      workflow: { id: "wf_1", name: "Flow" },
      endpoint: "https://wb.example.com/api/webhooks/wh_1",
      signatureScheme: "x-signature",
      replayProtection: true,
      rateLimitPerSecond: null,
      rateLimitBurst: null,
      ipAllowList: null,
      hasKey: true,
      keyCreatedAt: "2026-02-01T00:00:00.000Z",
      previousKeyExpiresAt: "2026-03-01T13:00:00.000Z",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-02-01T00:00:00.000Z",
    });
    expect(JSON.stringify(dto)).not.toContain("v1.");
  });

  it("shows the previous key's expiry only while it still verifies", () => {
    expect(
      toWebhookDto(row, "http://x", new Date(row.previousKeyExpiresAt.getTime() - 1)).previousKeyExpiresAt,
    ).not.toBeNull();
    expect(toWebhookDto(row, "http://x", row.previousKeyExpiresAt).previousKeyExpiresAt).toBeNull();
    expect(toWebhookDto({ ...row, previousKeyCiphertext: null }, "http://x", now).previousKeyExpiresAt).toBeNull();
  });

  it("exposes the signature scheme, rate limit and allow-list", () => {
    const dto = toWebhookDto(
      {
        ...row,
        signatureScheme: "standard-webhooks",
        rateLimitPerSecond: 5,
        rateLimitBurst: 10,
        ipAllowList: "203.0.113.7,10.0.0.0/8",
      },
      "http://x",
      now,
    );
    expect(dto).toMatchObject({
      signatureScheme: "standard-webhooks",
      rateLimitPerSecond: 5,
      rateLimitBurst: 10,
      ipAllowList: ["203.0.113.7", "10.0.0.0/8"],
    });
  });

  it("reports a webhook without a key", () => {
    expect(toWebhookDto({ ...row, keyCiphertext: null, keyCreatedAt: null }, "http://x", now)).toMatchObject({
      hasKey: false,
      keyCreatedAt: null,
    });
  });
});

describe("buildEndpointUrl", () => {
  it.each([
    ["https://wb.example.com", "https://wb.example.com/api/webhooks/wh_1"],
    ["https://wb.example.com/", "https://wb.example.com/api/webhooks/wh_1"],
    ["https://example.com/workbench//", "https://example.com/workbench/api/webhooks/wh_1"],
  ])("%s -> %s", (baseUrl, expected) => {
    expect(buildEndpointUrl({ baseUrl, webhookId: "wh_1" })).toBe(expected);
  });

  it("encodes the id", () => {
    expect(buildEndpointUrl({ baseUrl: "http://x", webhookId: "a/b c" })).toBe("http://x/api/webhooks/a%2Fb%20c");
  });
});
