import { describe, expect, it } from "vitest";

import { maskHeaders, maskHeaderValue } from "./mask-headers";

const signature = "3f2a9c1be07d44a1c0ffee00deadbeef3f2a9c1be07d44a1c0ffee00deadbeef";

describe("maskHeaders", () => {
  it("masks secrets, keeps the rest as sent", () => {
    const masked = maskHeaders(
      new Headers({
        "X-Signature": signature,
        Authorization: "Bearer sk_live_abcdefghijklmnopqrstuvwxyz",
        Cookie: "session=0123456789abcdef; theme=dark",
        "Proxy-Authorization": "Basic dXNlcjpwYXNzd29yZA==",
        "X-Api-Key": "key_1234567890abcdef",
        "Webhook-Signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "Content-Type": "application/json",
        "User-Agent": "ocr-service/2.1",
        "X-Request-Id": "req_123",
      }),
    );
    expect(masked["x-signature"]).toBe("3f2a9c1b…(64 chars)");
    expect(masked.authorization).toBe("Bearer s…(41 chars)");
    expect(masked["content-type"]).toBe("application/json");
    expect(masked["user-agent"]).toBe("ocr-service/2.1");
    expect(masked["x-request-id"]).toBe("req_123");
    const dump = JSON.stringify(masked);
    for (const secret of [
      signature.slice(8),
      "abcdefghijklmnopqrstuvwxyz",
      "0123456789abcdef",
      "dXNlcjpwYXNzd29yZA",
      "1234567890abcdef",
      "g0hM9SsE+OTPJTGt",
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(Object.keys(masked)).toHaveLength(9);
  });

  it("hides short secrets entirely", () => {
    expect(maskHeaderValue("authorization", "Basic abc")).toBe("••••");
    expect(maskHeaderValue("cookie", "a=b")).toBe("••••");
    expect(maskHeaderValue("x-signature", "")).toBe("••••");
    expect(maskHeaderValue("x-signature", "123456789012")).toBe("••••");
    expect(maskHeaderValue("x-signature", "1234567890123")).toBe("12345678…(13 chars)");
  });

  it("cuts long values of other headers to 512 characters", () => {
    expect(maskHeaderValue("x-trace", "t".repeat(512))).toBe("t".repeat(512));
    expect(maskHeaderValue("x-trace", "t".repeat(513))).toBe(`${"t".repeat(512)}…`);
    expect(maskHeaders(new Headers({ "x-trace": "t".repeat(10_000) }))["x-trace"]).toHaveLength(513);
  });

  it("keeps at most 50 headers", () => {
    const headers = new Headers(
      Array.from({ length: 80 }, (_, i) => [`x-h${String(i).padStart(2, "0")}`, String(i)] as [string, string]),
    );
    expect(Object.keys(maskHeaders(headers))).toHaveLength(50);
  });
});
