import { randomUUID } from "node:crypto";

import type { SignatureScheme } from "./signature-scheme";
import { signStandardWebhook } from "./standard-webhooks";
import { signBody } from "./x-signature";

/**
 * The signature headers a sender adds under `scheme`, as the integration snippets build them:
 * `x-signature`, or Standard Webhooks' `webhook-id` (a new `msg_` id unless given),
 * `webhook-timestamp` (from `now`, in ms) and `webhook-signature`.
 */
export function buildSignatureHeaders(opts: {
  scheme: SignatureScheme;
  privateKey: string;
  body: string | Uint8Array;
  messageId?: string;
  now?: number;
}): Record<string, string> {
  if (opts.scheme === "x-signature") return { "x-signature": signBody(opts) };
  const id = opts.messageId ?? `msg_${randomUUID().replaceAll("-", "")}`;
  const timestamp = Math.floor((opts.now ?? Date.now()) / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signStandardWebhook({ secret: opts.privateKey, id, timestamp, body: opts.body }),
  };
}
