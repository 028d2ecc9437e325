import "server-only";

import { getDb } from "@/lib/db";
import { readBearerCredential } from "@/lib/tokens/api-token-format";
import { authenticateApiToken } from "@/lib/tokens/authenticate-api-token";

import type { CurrentUserDto } from "./current-user-dto";
import { buildSessionCookie, readSessionToken } from "./session-cookie";
import { findSession } from "./sessions";

/**
 * The caller of a request and the credential it came with: exactly one of `sessionId` (a browser
 * session) and `tokenId` (an API token) is set. For a token, `role` is already the lower of the
 * token's role and its owner's.
 */
export type RequestUser = CurrentUserDto & { sessionId: string | null; tokenId: string | null };

export type Authentication = {
  user: RequestUser;
  /** A Set-Cookie value when the session's expiry moved forward, so the cookie lives as long. */
  renewedCookie: string | null;
};

/** Whether the request sends `Authorization: Bearer …`, so it is authenticated by that alone. */
export function hasBearerCredential(request: Request): boolean {
  return readBearerCredential(request.headers.get("authorization")) !== null;
}

/**
 * Who sent this request. With `Authorization: Bearer …` only the token counts: a malformed,
 * unknown, expired or revoked one throws its 401 error and never falls back to the cookie, so a
 * script with a broken token fails loudly instead of quietly acting as whoever's browser it runs in.
 * Other Authorization schemes (a reverse proxy's Basic auth) are ignored. Without a bearer token,
 * the `aw_session` cookie; null without a live session.
 */
export async function authenticateRequest(request: Request): Promise<Authentication | null> {
  const bearer = readBearerCredential(request.headers.get("authorization"));
  if (bearer !== null)
    return { user: await authenticateApiToken({ db: await getDb(), token: bearer }), renewedCookie: null };
  return authenticateSession(request);
}

/** The request's browser session, from its `aw_session` cookie alone; null without a live one. */
export async function authenticateSession(request: Request): Promise<Authentication | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const found = await findSession({ db: await getDb(), token });
  if (!found) return null;
  return {
    user: { ...found.user, sessionId: found.sessionId, tokenId: null },
    renewedCookie: found.refreshed ? buildSessionCookie({ request, token, expiresAt: found.expiresAt }) : null,
  };
}
