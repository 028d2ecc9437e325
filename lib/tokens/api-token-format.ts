// Pure: what an API token looks like, how it is made and hashed, and how it is read from a request's
// Authorization header. A token is `awt_` and 32 random bytes in base64url: the prefix lets secret
// scanners and people recognise it, the 256 random bits make guessing hopeless, so one unsalted
// SHA-256 is enough to store it (a slow password hash would only slow every API call down).
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "awt_";
/** How many characters of a token are kept in the clear to recognise it by (`awt_` and 8 random ones). */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
const tokenPattern = /^awt_[A-Za-z0-9_-]{43}$/;

export type NewApiToken = { token: string; prefix: string; tokenHash: string };

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh token: the value is shown once to its creator; only the hash and display prefix are stored. */
export function generateApiToken(): NewApiToken {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, DISPLAY_PREFIX_LENGTH), tokenHash: hashApiToken(token) };
}

export function isWellFormedApiToken(value: string): boolean {
  return tokenPattern.test(value);
}

/**
 * The credential of an `Authorization: Bearer …` header (the scheme is case-insensitive), possibly
 * empty or malformed; null when there is no Authorization header or it uses another scheme (a
 * reverse proxy's Basic auth in front of the Workbench must not break its browser sessions).
 */
export function readBearerCredential(authorization: string | null): string | null {
  if (authorization === null) return null;
  const match = /^\s*bearer(?:\s+(.*))?$/i.exec(authorization);
  return match ? (match[1] ?? "").trim() : null;
}
