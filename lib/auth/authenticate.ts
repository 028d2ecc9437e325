import "server-only";

import { getDb } from "@/lib/db";

import type { CurrentUserDto } from "./current-user-dto";
import { buildSessionCookie, readSessionToken } from "./session-cookie";
import { findSession } from "./sessions";

/** The signed-in user of a request, with the session it came with. */
export type RequestUser = CurrentUserDto & { sessionId: string };

export type Authentication = {
  user: RequestUser;
  /** A Set-Cookie value when the session's expiry moved forward, so the cookie lives as long. */
  renewedCookie: string | null;
};

/** Who sent this request, from its `aw_session` cookie; null without a live session. */
export async function authenticateRequest(request: Request): Promise<Authentication | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const found = await findSession({ db: await getDb(), token });
  if (!found) return null;
  return {
    user: { ...found.user, sessionId: found.sessionId },
    renewedCookie: found.refreshed ? buildSessionCookie({ request, token, expiresAt: found.expiresAt }) : null,
  };
}
