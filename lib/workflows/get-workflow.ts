import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";

export async function getWorkflow(opts: { db: Db; workflowId: string }): Promise<WorkflowDto> {
  const row = await opts.db.workflow.findUnique({ where: { id: opts.workflowId } });
  if (!row) throw notFound("Workflow", opts.workflowId);
  return toWorkflowDto(row);
}
