import { randomBytes } from "node:crypto";

/**
 * A new signing key: 256 bits from the CSPRNG, as a plain string (`awk_` + base64url) that
 * senders pass as-is as the HMAC key. The prefix makes leaked keys easy to recognise and scan for.
 */
export function generatePrivateKey(): string {
  return `awk_${randomBytes(32).toString("base64url")}`;
}
