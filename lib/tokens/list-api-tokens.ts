import "server-only";

import type { Db } from "@/lib/db";

import { toApiTokenDto, type ApiTokenDto } from "./api-token-dto";

/** The user's own API tokens, newest first, revoked and expired ones included (marked by `status`). */
export async function listApiTokens(opts: { db: Db; userId: string }): Promise<ApiTokenDto[]> {
  const rows = await opts.db.apiToken.findMany({
    where: { userId: opts.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const now = new Date();
  return rows.map((row) => toApiTokenDto(row, now));
}
