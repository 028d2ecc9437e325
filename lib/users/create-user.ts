import "server-only";

import type { RequestUser } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

import { toUserDto, type UserDto } from "./user-dto";
import { emailTaken, isUniqueViolation, ownerOnly } from "./user-errors";
import { createUserInput } from "./user-input";

/** An admin creates a user with a first password (shared with them out of band); only an owner may create an owner. */
export async function createUser(opts: { db: Db; actor: RequestUser; input: unknown }): Promise<UserDto> {
  const input = createUserInput.parse(opts.input);
  if (input.role === "owner" && opts.actor.role !== "owner") throw ownerOnly();
  if (await opts.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await opts.db.user.create({
      data: { id: createId("usr"), email: input.email, name: input.name, role: input.role, passwordHash },
    });
    return toUserDto(row);
  } catch (error) {
    // Two admins adding the same email at once: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
