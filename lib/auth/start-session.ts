import "server-only";

import type { Db } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";

import { buildSessionCookie, readSessionToken } from "./session-cookie";
import { createSession, deleteSessionByToken } from "./sessions";

/**
 * Signs the user in on this browser and returns the Set-Cookie value. Always a new session (a
 * token planted in the browser before sign-in is never promoted), and the session of any cookie
 * the browser already had is ended.
 */
export async function startSession(opts: {
  db: Db;
  request: Request;
  userId: string;
}): Promise<{ cookie: string; sessionId: string }> {
  const previous = readSessionToken(opts.request);
  if (previous) await deleteSessionByToken({ db: opts.db, token: previous });
  const { token, sessionId, expiresAt } = await createSession({
    db: opts.db,
    userId: opts.userId,
    ip: getClientIp({ request: opts.request }),
    userAgent: opts.request.headers.get("user-agent"),
  });
  return { cookie: buildSessionCookie({ request: opts.request, token, expiresAt }), sessionId };
}
