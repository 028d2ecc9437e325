import { createHmac } from "node:crypto";

/** Pure: the lowercase hex HMAC-SHA256 of `body`, keyed with the private-key string exactly as given. */
export function signBody(opts: { privateKey: string; body: string | Uint8Array }): string {
  return createHmac("sha256", opts.privateKey).update(opts.body).digest("hex");
}
