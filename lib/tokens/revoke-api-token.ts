import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { toApiTokenDto, type ApiTokenDto } from "./api-token-dto";

/**
 * Revokes one of the caller's own tokens: from the next request on it is answered 401
 * token_revoked. Audited in the same transaction. Revoking a revoked token changes nothing (and
 * records nothing); someone else's token is "not found", as if it did not exist.
 */
export async function revokeApiToken(opts: {
  db: Db;
  actor: RequestUser;
  ip: string | null;
  tokenId: string;
}): Promise<ApiTokenDto> {
  return opts.db.$transaction(async (tx) => {
    const revokedAt = new Date();
    // Conditional: of two revocations at once, one writes and audits, the other finds it done.
    const { count } = await tx.apiToken.updateMany({
      where: { id: opts.tokenId, userId: opts.actor.id, revokedAt: null },
      data: { revokedAt },
    });
    const row = await tx.apiToken.findFirst({ where: { id: opts.tokenId, userId: opts.actor.id } });
    if (!row) throw notFound("API token", opts.tokenId);
    if (count > 0) {
      await recordAuditEvent({
        db: tx,
        actor: opts.actor,
        ip: opts.ip,
        action: "token.revoked",
        targetType: "token",
        targetId: row.id,
        details: { name: row.name, role: row.role, prefix: row.prefix },
      });
    }
    return toApiTokenDto(row, revokedAt);
  });
}
