import { createHmac, timingSafeEqual } from "node:crypto";

import type { VerificationKey } from "./signature-scheme";

// Pure: the default scheme. The sender puts the lowercase hex HMAC-SHA256 of the body, keyed with
// the `awk_` key as text, in `x-signature`.

export type VerificationResult =
  | { ok: true; verifiedWith: VerificationKey["label"]; signedForm: "raw" | "canonical" }
  | { ok: false; reason: "missing_signature" | "malformed_signature" | "signature_mismatch" };

const hexSignature = /^[0-9a-f]{64}$/i;

/** The lowercase hex HMAC-SHA256 of `body`, keyed with the private-key string exactly as given. */
export function signBody(opts: { privateKey: string; body: string | Uint8Array }): string {
  return createHmac("sha256", opts.privateKey).update(opts.body).digest("hex");
}

/** The 32 signature bytes from an `x-signature` header (hex, any case, optional `sha256=`), or null. */
export function parseSignatureHeader(header: string): Buffer | null {
  const value = header.trim().replace(/^sha256=/i, "");
  return hexSignature.test(value) ? Buffer.from(value, "hex") : null;
}

function matches(expected: Buffer, privateKey: string, payload: Uint8Array | string): boolean {
  const actual = createHmac("sha256", privateKey).update(payload).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Checks `x-signature` against every key still valid, first over the raw bytes, then over
 * `JSON.stringify(JSON.parse(body))` — the reference client signs the compact form of the object
 * it sends, so a sender that transmits it pretty-printed must still verify.
 */
export function verifySignature(opts: {
  rawBody: Uint8Array;
  signatureHeader: string | null;
  keys: VerificationKey[];
  canonicalBody: () => string | null;
}): VerificationResult {
  if (!opts.signatureHeader?.trim()) return { ok: false, reason: "missing_signature" };
  const expected = parseSignatureHeader(opts.signatureHeader);
  if (!expected) return { ok: false, reason: "malformed_signature" };
  for (const key of opts.keys) {
    if (matches(expected, key.privateKey, opts.rawBody))
      return { ok: true, verifiedWith: key.label, signedForm: "raw" };
  }
  const canonical = opts.canonicalBody();
  if (canonical === null) return { ok: false, reason: "signature_mismatch" };
  for (const key of opts.keys) {
    if (matches(expected, key.privateKey, canonical))
      return { ok: true, verifiedWith: key.label, signedForm: "canonical" };
  }
  return { ok: false, reason: "signature_mismatch" };
}
