import "server-only";

import type { RequestUser } from "@/lib/auth/authenticate";
import { isRole, lowerRole, type Role } from "@/lib/auth/roles";
import type { Db, Tx } from "@/lib/db";

const LOCK_KEY = "users_lock";

/**
 * Runs `work` in a transaction that first writes one fixed row, so changes to who owns the
 * Workbench happen one at a time on every instance: PostgreSQL makes the second writer wait for
 * the first to commit (its later reads then see that commit); SQLite has a single writer anyway.
 * Without it, two owners demoting each other at once, or two first-run setups, could both pass
 * their "is there still another owner / no user yet" check.
 */
export async function withUsersLock<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.systemSetting.upsert({
      where: { key: LOCK_KEY },
      create: { key: LOCK_KEY, value: "users" },
      update: { value: "users" },
    });
    return work(tx);
  });
}

/**
 * The caller's role as of now, inside the lock: a request authenticated just before its caller
 * was demoted by someone else must not still act as an owner. Never above the role the request
 * was authenticated with, so an API token capped below its owner's role stays capped.
 */
export async function currentRole(tx: Tx, actor: Pick<RequestUser, "id" | "role">): Promise<Role | null> {
  const role = (await tx.user.findUnique({ where: { id: actor.id }, select: { role: true } }))?.role;
  return isRole(role) ? lowerRole(role, actor.role) : null;
}
