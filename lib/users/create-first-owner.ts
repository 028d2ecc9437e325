import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

import { toUserDto, type UserDto } from "./user-dto";
import { setupDone } from "./user-errors";
import { setupInput } from "./user-input";
import { withUsersLock } from "./with-users-lock";

/** Whether the Workbench still needs its first owner. */
export async function isSetupRequired(opts: { db: Db }): Promise<boolean> {
  return (await opts.db.user.count()) === 0;
}

/**
 * Creates the owner while no user exists (first-run setup, or WORKBENCH_OWNER_* at start-up).
 * Race-safe: of concurrent calls exactly one succeeds, the others get setup_done. Audited (as the
 * new owner, naming `source`) in the same transaction.
 */
export async function createFirstOwner(opts: {
  db: Db;
  input: unknown;
  source: "setup_page" | "environment";
  ip?: string | null;
}): Promise<UserDto> {
  const input = setupInput.parse(opts.input);
  if (!(await isSetupRequired(opts))) throw setupDone();
  // Hashing takes a few hundred ms: done before taking the lock.
  const passwordHash = await hashPassword(input.password);
  const row = await withUsersLock(opts.db, async (tx) => {
    if ((await tx.user.count()) > 0) throw setupDone();
    const owner = await tx.user.create({
      data: { id: createId("usr"), email: input.email, name: input.name, passwordHash, role: "owner" },
    });
    await recordAuditEvent({
      db: tx,
      actor: owner,
      ip: opts.ip,
      action: "auth.setup",
      targetType: "user",
      targetId: owner.id,
      details: { source: opts.source },
    });
    return owner;
  });
  return toUserDto(row);
}
