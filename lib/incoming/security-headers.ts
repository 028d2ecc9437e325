// Pure: the security headers every response carries (next.config.ts), and the per-request
// Content-Security-Policy of pages (proxy.ts).

/**
 * Content-Security-Policy. Scripts: on pages only those carrying the request's nonce, and what
 * they load ('strict-dynamic'); Next.js puts the nonce on its own scripts when it finds it in
 * the request's CSP header. Without a nonce (API answers, files) no script runs. 'unsafe-eval'
 * only for the development server, whose React debugging needs it. Styles keep 'unsafe-inline'
 * (a style cannot run code). Nothing is loaded from another origin, and no site may frame the
 * Workbench (clickjacking).
 */
export function contentSecurityPolicy(opts: { development: boolean; nonce?: string }): string {
  const scripts = opts.nonce ? `'self' 'nonce-${opts.nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: a fresh one for every page request. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function securityHeaders(opts: { development: boolean }): { key: string; value: string }[] {
  return [
    // Pages replace it with their nonce policy (proxy.ts).
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
