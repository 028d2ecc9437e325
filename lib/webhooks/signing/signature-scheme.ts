// How senders sign a webhook's requests. "x-signature": hex HMAC-SHA256 of the body in
// `x-signature`, keyed with an `awk_` key as text (the default). "standard-webhooks": the Standard
// Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) with a `whsec_` secret.
export const signatureSchemes = ["x-signature", "standard-webhooks"] as const;

export type SignatureScheme = (typeof signatureSchemes)[number];

/** The stored column as a scheme; anything unknown is the default. */
export function toSignatureScheme(value: string): SignatureScheme {
  return value === "standard-webhooks" ? "standard-webhooks" : "x-signature";
}

/** A key that may verify a request: the current one, or the previous one during its grace period. */
export type VerificationKey = { privateKey: string; label: "current" | "previous" };
