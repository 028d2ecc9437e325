import { describe, expect, it } from "vitest";

import { buildKeyFile, keyFileName } from "./build-key-file";

describe("keyFileName", () => {
  it.each([
    ["OCR results", "ocr-results-private-key.json"],
    ["  CRM  Sync!! ", "crm-sync-private-key.json"],
    ["Café Orders", "cafe-orders-private-key.json"],
    ["Invoices (2024) v2", "invoices-2024-v2-private-key.json"],
    ["../../etc/passwd", "etc-passwd-private-key.json"],
    ['evil"; filename="x.exe', "evil-filename-x-exe-private-key.json"],
    ["line\r\nbreak", "line-break-private-key.json"],
    ["日本語", "webhook-private-key.json"],
    ["", "webhook-private-key.json"],
    ["---", "webhook-private-key.json"],
  ])("%j -> %s", (name, expected) => {
    expect(keyFileName(name)).toBe(expected);
  });

  it("keeps long names to a 60-character slug that never ends in a dash", () => {
    for (let length = 55; length <= 65; length++) {
      const name = `${"a".repeat(length)} suffix words here`;
      const slug = keyFileName(name).replace(/-private-key\.json$/, "");
      expect(slug.length).toBeLessThanOrEqual(60);
      expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  it("always yields a safe header value", () => {
    for (const name of ['a"b', "a\\b", "a;b", "a\nb", "🙂", "A".repeat(500)]) {
      expect(keyFileName(name)).toMatch(/^[a-z0-9-]{1,60}-private-key\.json$/);
    }
  });
});

describe("buildKeyFile", () => {
  const createdAt = new Date("2026-01-02T03:04:05.678Z");
  const common = { webhookId: "wh_1", name: "OCR", endpoint: "https://wb.example.com/api/webhooks/wh_1", createdAt };

  it("holds everything an x-signature sender needs, in the documented shape", () => {
    expect(buildKeyFile({ ...common, privateKey: "awk_x", scheme: "x-signature" })).toEqual({
      webhookId: "wh_1",
      name: "OCR",
      endpoint: "https://wb.example.com/api/webhooks/wh_1",
      privateKey: "awk_x",
      scheme: "x-signature",
      algorithm: "HMAC-SHA256",
      signatureHeader: "x-signature",
      signatureEncoding: "hex",
      createdAt: "2026-01-02T03:04:05.678Z",
    });
  });

  it("names the Standard Webhooks scheme and header, with the whsec_ secret as privateKey", () => {
    expect(
      buildKeyFile({ ...common, privateKey: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", scheme: "standard-webhooks" }),
    ).toEqual({
      webhookId: "wh_1",
      name: "OCR",
      endpoint: "https://wb.example.com/api/webhooks/wh_1",
      privateKey: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      scheme: "standard-webhooks",
      algorithm: "HMAC-SHA256",
      signatureHeader: "webhook-signature",
      signatureEncoding: "base64",
      createdAt: "2026-01-02T03:04:05.678Z",
    });
  });
});
