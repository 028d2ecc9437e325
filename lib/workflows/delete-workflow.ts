import "server-only";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/api/api-error";

export async function deleteWorkflow(opts: { db: Db; workflowId: string }): Promise<void> {
  const { count } = await opts.db.workflow.deleteMany({ where: { id: opts.workflowId } });
  if (count === 0) throw notFound("Workflow", opts.workflowId);
}
