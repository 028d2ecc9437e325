import { randomBytes } from "node:crypto";

import type { SignatureScheme } from "./signature-scheme";

/**
 * A new signing key, 256 bits from the CSPRNG, in the form its scheme expects. x-signature: a
 * plain string (`awk_` + base64url) that senders pass as-is as the HMAC key. Standard Webhooks:
 * `whsec_` + base64, whose decoded bytes are the HMAC key. The prefixes make leaked keys easy to
 * recognise and scan for.
 */
export function generatePrivateKey(scheme: SignatureScheme = "x-signature"): string {
  const bytes = randomBytes(32);
  return scheme === "standard-webhooks" ? `whsec_${bytes.toString("base64")}` : `awk_${bytes.toString("base64url")}`;
}
