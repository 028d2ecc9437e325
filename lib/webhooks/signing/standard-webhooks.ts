import { createHmac, timingSafeEqual } from "node:crypto";

import type { VerificationKey } from "./signature-scheme";

// Pure: the Standard Webhooks scheme (https://www.standardwebhooks.com, spec v1.0.0, symmetric).
// The sender signs `${webhook-id}.${webhook-timestamp}.${body}` with HMAC-SHA256, keyed with the
// base64-decoded part of a `whsec_` secret, and sends `v1,<base64>` in `webhook-signature`, a
// space-separated list: during a key rotation it signs with both keys and any one match is enough.

export const STANDARD_WEBHOOKS_SECRET_PREFIX = "whsec_";
/** How far `webhook-timestamp` may be from our clock, either way: the spec's and the reference libraries' 5 minutes. */
export const STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 5 * 60;

export type StandardWebhooksFailure =
  | "missing_signature"
  | "missing_webhook_id"
  | "missing_webhook_timestamp"
  | "invalid_webhook_id"
  | "invalid_webhook_timestamp"
  | "timestamp_out_of_tolerance"
  | "malformed_signature"
  | "signature_mismatch";

export type StandardWebhooksResult =
  | { ok: true; verifiedWith: VerificationKey["label"]; webhookMessageId: string }
  | { ok: false; reason: StandardWebhooksFailure };

// The id doubles as our idempotency key: the same rule (1-255 visible ASCII characters).
const messageIdPattern = /^[\x21-\x7e]{1,255}$/;
// Whole seconds, no sign, no leading zero: the exact text the sender put into what it signed.
const timestampPattern = /^(?:0|[1-9]\d{0,11})$/;
// Standard base64 of 32 bytes (HMAC-SHA256), as the reference libraries write it.
const v1Signature = /^v1,([A-Za-z0-9+/]{43}=)$/;

/** The HMAC key of a `whsec_` secret: its base64 part, decoded (the prefix is optional, as in the reference libraries). */
export function decodeStandardWebhooksSecret(secret: string): Buffer {
  const encoded = secret.startsWith(STANDARD_WEBHOOKS_SECRET_PREFIX)
    ? secret.slice(STANDARD_WEBHOOKS_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(encoded, "base64");
}

function digest(opts: { secret: string; id: string; timestamp: string; body: string | Uint8Array }): Buffer {
  return createHmac("sha256", decodeStandardWebhooksSecret(opts.secret))
    .update(`${opts.id}.${opts.timestamp}.`)
    .update(opts.body)
    .digest();
}

/** The `webhook-signature` value a sender puts in: `v1,<base64 HMAC-SHA256>`. */
export function signStandardWebhook(opts: {
  secret: string;
  id: string;
  timestamp: number;
  body: string | Uint8Array;
}): string {
  return `v1,${digest({ ...opts, timestamp: String(Math.floor(opts.timestamp)) }).toString("base64")}`;
}

/**
 * Checks the three headers, then the timestamp against `nowSeconds` (a replay outside the
 * tolerance fails even with a valid signature), then every `v1` signature in the header against
 * every key still valid. The signature covers the exact body bytes: no canonical re-encoding.
 */
export function verifyStandardWebhook(opts: {
  rawBody: Uint8Array;
  headers: { id: string | null; timestamp: string | null; signature: string | null };
  keys: VerificationKey[];
  nowSeconds: number;
  toleranceSeconds?: number;
}): StandardWebhooksResult {
  const { id, timestamp, signature } = opts.headers;
  if (!signature?.trim()) return { ok: false, reason: "missing_signature" };
  if (!id) return { ok: false, reason: "missing_webhook_id" };
  if (!timestamp) return { ok: false, reason: "missing_webhook_timestamp" };
  if (!messageIdPattern.test(id)) return { ok: false, reason: "invalid_webhook_id" };
  if (!timestampPattern.test(timestamp)) return { ok: false, reason: "invalid_webhook_timestamp" };
  const tolerance = opts.toleranceSeconds ?? STANDARD_WEBHOOKS_TOLERANCE_SECONDS;
  if (Math.abs(opts.nowSeconds - Number(timestamp)) > tolerance)
    return { ok: false, reason: "timestamp_out_of_tolerance" };

  const candidates = signature
    .split(" ")
    .map((entry) => v1Signature.exec(entry)?.[1])
    .filter((encoded): encoded is string => encoded !== undefined)
    .map((encoded) => Buffer.from(encoded, "base64"));
  if (candidates.length === 0) return { ok: false, reason: "malformed_signature" };

  for (const key of opts.keys) {
    const expected = digest({ secret: key.privateKey, id, timestamp, body: opts.rawBody });
    // Every candidate is compared, so the time taken does not tell which one matched.
    let matched = false;
    for (const candidate of candidates)
      matched = (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || matched;
    if (matched) return { ok: true, verifiedWith: key.label, webhookMessageId: id };
  }
  return { ok: false, reason: "signature_mismatch" };
}
