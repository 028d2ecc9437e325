import { createHash } from "node:crypto";

import { parseSignatureHeader } from "../signing/x-signature";

/**
 * Pure: what identifies a replayed x-signature request: its signature (as bytes, so `sha256=` or
 * upper-case hex make no difference) and its exact body. The scheme signs no timestamp, so a
 * captured request verifies forever; this hash lets the store answer a copy as a duplicate.
 */
export function replayHashOf(opts: { signatureHeader: string; rawBody: Uint8Array }): string {
  const signature = parseSignatureHeader(opts.signatureHeader);
  return createHash("sha256")
    .update(signature ?? opts.signatureHeader)
    .update("\n")
    .update(opts.rawBody)
    .digest("hex");
}
