import "server-only";

import type { Db } from "@/lib/db";
import { loginInput } from "@/lib/users/user-input";

import { getLoginRetryAfter, recordLoginFailure, resetLoginThrottle } from "./login-throttle";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import { isRole } from "./roles";
import type { SessionUser } from "./sessions";

export type SignInResult =
  | { outcome: "signed_in"; user: SessionUser }
  | { outcome: "invalid_credentials"; email: string; userId: string | null }
  | { outcome: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password. An unknown email costs the same password check as a wrong
 * password and gets the same outcome, so neither the answer nor its timing tells which accounts
 * exist. Throttled (see login-throttle.ts) before any password is checked.
 */
export async function signIn(opts: { db: Db; input: unknown; ip: string | null }): Promise<SignInResult> {
  const { email, password } = loginInput.parse(opts.input);
  const retryAfterSeconds = await getLoginRetryAfter({ db: opts.db, email, ip: opts.ip });
  if (retryAfterSeconds !== null) return { outcome: "throttled", retryAfterSeconds };

  const user = await opts.db.user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword({ password, hash: user.passwordHash }) : await verifyAgainstDummy(password);
  if (!user || !valid || !isRole(user.role)) {
    await recordLoginFailure({ db: opts.db, email, ip: opts.ip });
    return { outcome: "invalid_credentials", email, userId: user?.id ?? null };
  }
  await resetLoginThrottle({ db: opts.db, email });
  // Hashes made before the parameters were raised are upgraded while the password is at hand.
  if (needsRehash(user.passwordHash))
    await opts.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  return { outcome: "signed_in", user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
