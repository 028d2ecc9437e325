import "server-only";

import type { Db } from "@/lib/db";

import { toUserDto, type UserDto } from "./user-dto";

/** Everyone who can sign in, oldest account first (the first owner leads). */
export async function listUsers(opts: { db: Db }): Promise<UserDto[]> {
  const rows = await opts.db.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toUserDto);
}
