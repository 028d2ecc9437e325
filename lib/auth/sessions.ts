import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { Db, Tx } from "@/lib/db";
import { createId } from "@/lib/ids";

import { isRole, type Role } from "./roles";
import { SESSION_TTL_MS } from "./session-cookie";

/** How often a used session's expiry is pushed forward: at most one write per session per hour. */
const REFRESH_AFTER_MS = 60 * 60 * 1000;

export type SessionUser = { id: string; email: string; name: string; role: Role };
export type FoundSession = { sessionId: string; user: SessionUser; expiresAt: Date; refreshed: boolean };

// Only the hash is stored: a leaked database (or backup) holds no usable cookie.
function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new session for the user; the token goes into the cookie and is never stored. */
export async function createSession(opts: {
  db: Db;
  userId: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  // Housekeeping: the user's expired sessions are never used again.
  await opts.db.session.deleteMany({ where: { userId: opts.userId, expiresAt: { lte: now } } });
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const session = await opts.db.session.create({
    data: {
      id: createId("ses"),
      tokenHash: hashToken(token),
      userId: opts.userId,
      expiresAt,
      lastSeenAt: now,
      ip: opts.ip ?? null,
      userAgent: opts.userAgent?.slice(0, 500) ?? null,
    },
  });
  return { token, sessionId: session.id, expiresAt };
}

/**
 * The live session for a token and its user, or null (unknown, expired, or the user's role is
 * not one we know). Sliding expiry: a session used more than an hour after its last refresh
 * lives another 14 days from now (`refreshed` tells the caller to renew the cookie).
 */
export async function findSession(opts: { db: Db; token: string }): Promise<FoundSession | null> {
  const row = await opts.db.session.findUnique({
    where: { tokenHash: hashToken(opts.token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  const now = Date.now();
  if (!row || row.expiresAt.getTime() <= now || !isRole(row.user.role)) return null;
  const user = { ...row.user, role: row.user.role };
  if (now - row.lastSeenAt.getTime() < REFRESH_AFTER_MS)
    return { sessionId: row.id, user, expiresAt: row.expiresAt, refreshed: false };
  const expiresAt = new Date(now + SESSION_TTL_MS);
  // updateMany: a session deleted meanwhile (sign-out in another tab) is not an error, just gone.
  const { count } = await opts.db.session.updateMany({
    where: { id: row.id },
    data: { lastSeenAt: new Date(now), expiresAt },
  });
  return count === 0 ? null : { sessionId: row.id, user, expiresAt, refreshed: true };
}

/** Ends the session of this token (sign-out); an unknown token is not an error. */
export async function deleteSessionByToken(opts: { db: Db; token: string }): Promise<void> {
  await opts.db.session.deleteMany({ where: { tokenHash: hashToken(opts.token) } });
}

/** Ends all of a user's sessions (role or password changed), optionally keeping one (the caller's own). */
export async function deleteUserSessions(opts: {
  db: Db | Tx;
  userId: string;
  exceptSessionId?: string;
}): Promise<void> {
  await opts.db.session.deleteMany({
    where: { userId: opts.userId, ...(opts.exceptSessionId ? { id: { not: opts.exceptSessionId } } : {}) },
  });
}
