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
  hasKey: boolean;
  keyCreatedAt: string | null;
  /** Set while a rotated-out key still verifies. */
  previousKeyExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The downloadable key file: everything a sender needs, `privateKey` used as-is as the HMAC key. */
export type WebhookKeyFile = {
  webhookId: string;
  name: string;
  endpoint: string;
  privateKey: string;
  algorithm: "HMAC-SHA256";
  signatureHeader: "x-signature";
  signatureEncoding: "hex";
  createdAt: string;
};
