import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("allows a page's scripts by nonce only, without 'unsafe-inline' or 'unsafe-eval'", () => {
    expect(contentSecurityPolicy({ development: false, nonce: "abc123==" })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123==' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("runs no inline script without a nonce", () => {
    const csp = contentSecurityPolicy({ development: false });
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("nonce-");
  });

  it("allows 'unsafe-eval' for the development server only", () => {
    expect(contentSecurityPolicy({ development: true, nonce: "n" })).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';",
    );
    expect(contentSecurityPolicy({ development: false, nonce: "n" })).not.toContain("unsafe-eval");
  });
});

describe("createNonce", () => {
  it("is 16 random bytes in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("securityHeaders", () => {
  it("forbids framing, sniffing and leaking full referrers", () => {
    const headers = Object.fromEntries(securityHeaders({ development: false }).map(({ key, value }) => [key, value]));
    expect(headers).toMatchObject({
      "Content-Security-Policy": contentSecurityPolicy({ development: false }),
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
  });
});
