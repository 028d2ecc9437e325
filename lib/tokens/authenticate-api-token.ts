import "server-only";

import type { RequestUser } from "@/lib/auth/authenticate";
import { isRole, lowerRole } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";

import { invalidToken, tokenExpired, tokenRevoked } from "./api-token-errors";
import { hashApiToken, isWellFormedApiToken } from "./api-token-format";

/** Last-used times are this coarse: a busy script costs one write a minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

/**
 * The user a bearer token acts as, with the lower of the token's role and its owner's current
 * role (a demoted owner's tokens lose what the owner lost). Throws invalid_token (malformed,
 * unknown, or its owner removed: the token went with them), token_revoked or token_expired.
 */
export async function authenticateApiToken(opts: { db: Db; token: string }): Promise<RequestUser> {
  if (!isWellFormedApiToken(opts.token)) throw invalidToken();
  const row = await opts.db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(opts.token) },
    include: { user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row || !isRole(row.role) || !isRole(row.user.role)) throw invalidToken();
  if (row.revokedAt) throw tokenRevoked();
  const now = new Date();
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw tokenExpired();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so several instances (or parallel requests) seeing the same stale time write once.
    await opts.db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: row.lastUsedAt }] },
      data: { lastUsedAt: now },
    });
  }
  const { id, email, name } = row.user;
  return { id, email, name, role: lowerRole(row.role, row.user.role), sessionId: null, tokenId: row.id };
}
