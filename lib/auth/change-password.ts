import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";
import { changePasswordInput } from "@/lib/users/user-input";

import type { RequestUser } from "./authenticate";
import { getLoginRetryAfter, recordLoginFailure, resetLoginThrottle } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { deleteUserSessions } from "./sessions";

const wrongCurrentPassword = () =>
  new DomainError({
    code: "invalid_credentials",
    message: "The current password is not right",
    field: "currentPassword",
  });
const gone = () => new DomainError({ code: "unauthenticated", message: "Sign in to continue" });

/**
 * The signed-in user changes their own password, proving they know the current one. A wrong
 * current password counts as a failed sign-in for the account and this client's IP (login-throttle.ts),
 * and a locked account is refused (too_many_attempts) before any check: a stolen session must not become an
 * unthrottled way to guess the password. On success every other session of the user ends; the
 * caller's own stays; the change is audited in its transaction.
 */
export async function changeOwnPassword(opts: {
  db: Db;
  user: RequestUser;
  input: unknown;
  ip: string | null;
}): Promise<void> {
  const { currentPassword, newPassword } = changePasswordInput.parse(opts.input);
  const { db, user, ip } = opts;

  const retryAfterSeconds = await getLoginRetryAfter({ db, email: user.email, ip });
  if (retryAfterSeconds !== null) {
    throw new DomainError({
      code: "too_many_attempts",
      message: `Too many failed attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      retryAfterSeconds,
    });
  }

  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row) throw gone();
  if (!(await verifyPassword({ password: currentPassword, hash: row.passwordHash }))) {
    await recordLoginFailure({ db, email: user.email, ip });
    throw wrongCurrentPassword();
  }

  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    // Conditional on the hash just checked: a concurrent change (by an admin or another tab) wins, and this one is refused.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: row.passwordHash },
      data: { passwordHash },
    });
    if (count === 0) throw wrongCurrentPassword();
    await deleteUserSessions({ db: tx, userId: user.id, exceptSessionId: user.sessionId ?? undefined });
    await recordAuditEvent({
      db: tx,
      actor: user,
      ip,
      action: "user.password_changed",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, self: true },
    });
  });
  await resetLoginThrottle({ db, email: user.email });
}
