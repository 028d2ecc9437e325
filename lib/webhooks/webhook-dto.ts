import type { SignatureScheme } from "./signing/signature-scheme";

// The webhook as the management API returns it. The private key itself is never part of it:
// it is returned only by the key routes (generate, rotate, key file).
export type WebhookDto = {
  id: string;
  agentId: string;
  name: string;
  enabled: boolean;
  workflow: { id: string; name: string };
  /** Absolute URL integrators POST to. */
  endpoint: string;
  signatureScheme: SignatureScheme;
  /** x-signature only: a byte-identical signed request within 24 hours is answered as a duplicate. */
  replayProtection: boolean;
  /** Requests per second and burst for this webhook; null uses the instance defaults. */
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
  /** IPs and CIDR ranges allowed to send; null allows any sender. */
  ipAllowList: string[] | null;
  hasKey: boolean;
  keyCreatedAt: string | null;
  /** Set while a rotated-out key still verifies. */
  previousKeyExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/**
 * The downloadable key file: everything a sender needs. x-signature: `privateKey` used as-is as
 * the HMAC key, hex signature in `x-signature`. Standard Webhooks: `privateKey` is the `whsec_`
 * secret (the HMAC key is its base64-decoded part) and the signature goes in `webhook-signature`.
 */
export type WebhookKeyFile = {
  webhookId: string;
  name: string;
  endpoint: string;
  privateKey: string;
  scheme: SignatureScheme;
  algorithm: "HMAC-SHA256";
  signatureHeader: "x-signature" | "webhook-signature";
  signatureEncoding: "hex" | "base64";
  createdAt: string;
};
