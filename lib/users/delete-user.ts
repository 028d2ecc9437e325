import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";

import { toUserDto, type UserDto } from "./user-dto";
import { lastOwner, ownerOnly } from "./user-errors";
import { currentRole, withUsersLock } from "./with-users-lock";

/**
 * Removes a user and ends their sessions, audited in the same transaction. Nobody removes
 * themselves; only an owner removes an owner; the last owner stays.
 */
export async function deleteUser(opts: {
  db: Db;
  actor: RequestUser;
  ip: string | null;
  userId: string;
}): Promise<UserDto> {
  if (opts.userId === opts.actor.id) {
    throw new DomainError({
      code: "cannot_remove_self",
      message: "You cannot remove yourself; ask another admin",
    });
  }
  return withUsersLock(opts.db, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: opts.userId } });
    if (!target) throw notFound("User", opts.userId);
    if (target.role === "owner") {
      if ((await currentRole(tx, opts.actor)) !== "owner") throw ownerOnly();
      if ((await tx.user.count({ where: { role: "owner" } })) <= 1) throw lastOwner();
    }
    // Sessions go with the user (ON DELETE CASCADE).
    await tx.user.delete({ where: { id: target.id } });
    await recordAuditEvent({
      db: tx,
      actor: opts.actor,
      ip: opts.ip,
      action: "user.removed",
      targetType: "user",
      targetId: target.id,
      details: { email: target.email, role: target.role },
    });
    return toUserDto(target);
  });
}
