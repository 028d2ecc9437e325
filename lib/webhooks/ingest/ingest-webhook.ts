import "server-only";

import { toSignatureScheme, type SignatureScheme, type VerificationKey } from "../signing/signature-scheme";
import { openWebhookKey } from "../webhook-key-crypto";
import { compileIpAllowList, type IpNetwork } from "./ip-allow-list";

// The hot path's one view of a webhook: decoded once when it is looked up (keys decrypted, the
// allow-list compiled), then kept in the short-lived cache so most requests cost neither.
export type IngestWebhook = {
  id: string;
  agentId: string;
  workflowId: string;
  workflowVersion: number;
  /** The workflow's retry policy, for the run a delivery queues. */
  maxAttempts: number;
  enabled: boolean;
  /** x-signature only: a byte-identical signed request within the window is a duplicate. */
  replayProtection: boolean;
  signatureScheme: SignatureScheme;
  /** The webhook's own limits; null ones fall back to the instance defaults. */
  rateLimit: { perSecond: number | null; burst: number | null };
  /** Networks allowed to send; null admits any sender. */
  ipAllowList: IpNetwork[] | null;
  currentKey: string | null;
  previousKey: string | null;
  previousKeyExpiresAt: number | null;
  /** The keys that verify a request at `now`: the previous key only within its grace period. */
  verificationKeys: (now: number) => VerificationKey[];
};

/** The columns a store reads: the stored key ciphertexts and the comma-separated allow-list. */
export type WebhookColumns = Omit<
  IngestWebhook,
  | "signatureScheme"
  | "rateLimit"
  | "ipAllowList"
  | "currentKey"
  | "previousKey"
  | "previousKeyExpiresAt"
  | "verificationKeys"
> & {
  signatureScheme: string;
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
  ipAllowList: string | null;
  keyCiphertext: string | null;
  previousKeyCiphertext: string | null;
  previousKeyExpiresAt: Date | null;
};

/** Decodes a store's row into the hot path's webhook. */
export function toIngestWebhook(row: WebhookColumns): IngestWebhook {
  const currentKey = row.keyCiphertext ? openWebhookKey(row.id, row.keyCiphertext) : null;
  const previousKey = row.previousKeyCiphertext ? openWebhookKey(row.id, row.previousKeyCiphertext) : null;
  const previousKeyExpiresAt = row.previousKeyExpiresAt?.getTime() ?? null;
  return {
    id: row.id,
    agentId: row.agentId,
    workflowId: row.workflowId,
    workflowVersion: row.workflowVersion,
    maxAttempts: row.maxAttempts,
    enabled: row.enabled,
    replayProtection: row.replayProtection,
    signatureScheme: toSignatureScheme(row.signatureScheme),
    rateLimit: { perSecond: row.rateLimitPerSecond, burst: row.rateLimitBurst },
    ipAllowList: row.ipAllowList === null ? null : compileIpAllowList(row.ipAllowList),
    currentKey,
    previousKey,
    previousKeyExpiresAt,
    // The previous key's grace period is checked per request, not when the entry was cached.
    verificationKeys: (now) => [
      ...(currentKey ? [{ privateKey: currentKey, label: "current" as const }] : []),
      ...(previousKey && previousKeyExpiresAt !== null && previousKeyExpiresAt > now
        ? [{ privateKey: previousKey, label: "previous" as const }]
        : []),
    ],
  };
}
