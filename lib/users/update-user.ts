import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { RequestUser } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { deleteUserSessions } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { toUserDto, type UserDto } from "./user-dto";
import { lastOwner, ownerOnly } from "./user-errors";
import { updateUserInput } from "./user-input";
import { currentRole, withUsersLock } from "./with-users-lock";

export type UserChanges = { renamed: boolean; role: { from: Role; to: Role } | null; passwordChanged: boolean };

/**
 * Renames a user, changes their role or sets a new password. Only an owner may touch an owner or
 * make someone an owner; the last owner keeps the role. A new role or password signs the user
 * out everywhere (their sessions are deleted), except the caller's own session when the caller
 * changes their own password. Each change is audited in the same transaction, as `actor` from `ip`.
 */
export async function updateUser(opts: {
  db: Db;
  actor: RequestUser;
  ip: string | null;
  userId: string;
  input: unknown;
}): Promise<{ user: UserDto; changes: UserChanges }> {
  const input = updateUserInput.parse(opts.input);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return withUsersLock(opts.db, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: opts.userId } });
    if (!target) throw notFound("User", opts.userId);
    const touchesOwner = target.role === "owner" || input.role === "owner";
    if (touchesOwner && (await currentRole(tx, opts.actor)) !== "owner") throw ownerOnly();
    const role =
      input.role !== undefined && input.role !== target.role ? { from: target.role as Role, to: input.role } : null;
    if (role?.from === "owner" && (await tx.user.count({ where: { role: "owner" } })) <= 1) throw lastOwner();

    const row = await tx.user.update({
      where: { id: target.id },
      data: { name: input.name, role: input.role, passwordHash },
    });
    const changes: UserChanges = {
      renamed: input.name !== undefined && input.name !== target.name,
      role,
      passwordChanged: passwordHash !== undefined,
    };
    if (role || changes.passwordChanged) {
      const keepOwnSession = !role && target.id === opts.actor.id;
      await deleteUserSessions({
        db: tx,
        userId: target.id,
        exceptSessionId: keepOwnSession ? (opts.actor.sessionId ?? undefined) : undefined,
      });
    }
    const audit = { db: tx, actor: opts.actor, ip: opts.ip, targetType: "user", targetId: row.id } as const;
    if (changes.renamed)
      await recordAuditEvent({ ...audit, action: "user.renamed", details: { email: row.email, name: row.name } });
    if (role)
      await recordAuditEvent({
        ...audit,
        action: "user.role_changed",
        details: { email: row.email, from: role.from, to: role.to },
      });
    if (changes.passwordChanged)
      await recordAuditEvent({ ...audit, action: "user.password_changed", details: { email: row.email } });
    return { user: toUserDto(row), changes };
  });
}
