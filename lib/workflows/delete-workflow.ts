import "server-only";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";

/** Deletes a workflow, unless a webhook still runs it (the builder re-targets or deletes that first). */
export async function deleteWorkflow(opts: { db: Db; workflowId: string }): Promise<void> {
  const usedBy = await opts.db.webhook.findMany({
    where: { workflowId: opts.workflowId },
    select: { name: true },
    take: 5,
  });
  if (usedBy.length > 0) {
    const names = usedBy.map((webhook) => `"${webhook.name}"`).join(", ");
    throw new DomainError({
      code: "workflow_in_use",
      message: `This workflow is run by webhook ${names}; point it at another workflow or delete it first`,
    });
  }
  const { count } = await opts.db.workflow.deleteMany({ where: { id: opts.workflowId } });
  if (count === 0) throw notFound("Workflow", opts.workflowId);
}
