import type { HeaderReader } from "@/lib/incoming/header-reader";

import { ingestErrors, standardWebhooksMessages, type IngestErrorCode } from "../ingest/ingest-errors";
import type { SignatureScheme, VerificationKey } from "./signature-scheme";
import { verifyStandardWebhook } from "./standard-webhooks";
import { verifySignature } from "./x-signature";

export type RequestVerification =
  | {
      ok: true;
      verifiedWith: VerificationKey["label"];
      signedForm: "raw" | "canonical";
      /** Standard Webhooks' signed `webhook-id`, the idempotency key of that scheme; null for x-signature. */
      messageId: string | null;
    }
  | { ok: false; code: IngestErrorCode; message: string };

/** Pure: checks a request's signature headers under the webhook's scheme. */
export function verifyRequest(opts: {
  scheme: SignatureScheme;
  headers: Pick<HeaderReader, "get">;
  rawBody: Uint8Array;
  keys: VerificationKey[];
  /** x-signature only: the compact JSON of the body, or null when it is not (safe) JSON. */
  canonicalBody: () => string | null;
  now: number;
}): RequestVerification {
  if (opts.scheme === "standard-webhooks") {
    const result = verifyStandardWebhook({
      rawBody: opts.rawBody,
      headers: {
        id: opts.headers.get("webhook-id"),
        timestamp: opts.headers.get("webhook-timestamp"),
        signature: opts.headers.get("webhook-signature"),
      },
      keys: opts.keys,
      nowSeconds: Math.floor(opts.now / 1000),
    });
    if (!result.ok)
      return {
        ok: false,
        code: result.reason,
        message: standardWebhooksMessages[result.reason] ?? ingestErrors[result.reason].message,
      };
    return { ok: true, verifiedWith: result.verifiedWith, signedForm: "raw", messageId: result.webhookMessageId };
  }
  const result = verifySignature({
    rawBody: opts.rawBody,
    signatureHeader: opts.headers.get("x-signature"),
    keys: opts.keys,
    canonicalBody: opts.canonicalBody,
  });
  if (!result.ok) return { ok: false, code: result.reason, message: ingestErrors[result.reason].message };
  return { ok: true, verifiedWith: result.verifiedWith, signedForm: result.signedForm, messageId: null };
}
