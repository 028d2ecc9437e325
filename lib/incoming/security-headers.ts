// Pure: the security headers every response carries (applied in next.config.ts).

/**
 * Content-Security-Policy. Scripts: 'unsafe-inline' because Next.js bootstraps the page with
 * inline scripts (a nonce would need every page rendered dynamically); 'unsafe-eval' only for the
 * development server, whose React Refresh needs it. Nothing is loaded from another origin, and
 * no site may frame the Workbench (clickjacking).
 */
export function contentSecurityPolicy(opts: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${opts.development ? " 'unsafe-eval'" : ""}`,
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

export function securityHeaders(opts: { development: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    // For browsers that predate frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
