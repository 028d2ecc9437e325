import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestUser } from "@/lib/auth/authenticate";
import { hasRole, roleLabels } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";
import { createId } from "@/lib/ids";

import { toApiTokenDto, type CreatedApiTokenDto } from "./api-token-dto";
import { generateApiToken } from "./api-token-format";
import { createApiTokenInput } from "./api-token-input";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The signed-in user makes an API token for themselves, with a role no higher than their own,
 * audited in the same transaction. The token's value is returned here once and never stored.
 */
export async function createApiToken(opts: {
  db: Db;
  actor: RequestUser;
  ip: string | null;
  input: unknown;
}): Promise<CreatedApiTokenDto> {
  const input = createApiTokenInput.parse(opts.input);
  if (!hasRole(opts.actor.role, input.role)) {
    throw new DomainError({
      code: "forbidden",
      message: `A token's role cannot be higher than your own (${roleLabels[opts.actor.role]})`,
      field: "role",
    });
  }
  const { token, prefix, tokenHash } = generateApiToken();
  const now = new Date();
  const expiresAt = input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const row = await opts.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id: createId("tok"),
        userId: opts.actor.id,
        name: input.name,
        role: input.role,
        tokenHash,
        prefix,
        createdAt: now,
        expiresAt,
      },
    });
    await recordAuditEvent({
      db: tx,
      actor: opts.actor,
      ip: opts.ip,
      action: "token.created",
      targetType: "token",
      targetId: created.id,
      details: { name: created.name, role: created.role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token: toApiTokenDto(row, now), secret: token };
}
