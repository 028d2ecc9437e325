import "server-only";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/api/api-error";

/** Deletes the agent; its workflows go with it (ON DELETE CASCADE). */
export async function deleteAgent(opts: { db: Db; agentId: string }): Promise<void> {
  const { count } = await opts.db.agent.deleteMany({ where: { id: opts.agentId } });
  if (count === 0) throw notFound("Agent", opts.agentId);
}
