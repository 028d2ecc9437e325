import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

export async function deleteRecord(opts: { db: Db; agentId: string; recordId: string }): Promise<void> {
  const { count } = await opts.db.dataRecord.deleteMany({ where: { id: opts.recordId, agentId: opts.agentId } });
  if (count === 0) throw notFound("Record", opts.recordId);
}
