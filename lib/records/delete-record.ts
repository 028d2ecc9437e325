import "server-only";

import { notFound } from "@/lib/api/api-error";
import type { Db } from "@/lib/db";

export async function deleteRecord(opts: { db: Db; agentId: string; recordId: string }): Promise<void> {
  const { count } = await opts.db.dataRecord.deleteMany({ where: { id: opts.recordId, agentId: opts.agentId } });
  if (count === 0) throw notFound("Record", opts.recordId);
}
