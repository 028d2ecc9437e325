import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lowercase

function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += alphabet[byte & 31];
  return out;
}

/**
 * A prefixed, time-ordered id (`dlv_<10 time chars><16 random chars>`): ids created later sort
 * later, which keeps inserts at the end of indexes and gives a natural order for pagination.
 */
export function createId(prefix: string): string {
  let time = Date.now();
  let timePart = "";
  for (let i = 0; i < 10; i++) {
    timePart = alphabet[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  return `${prefix}_${timePart}${encodeBase32(randomBytes(16))}`;
}
