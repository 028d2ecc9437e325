import "server-only";

import { notFound } from "@/lib/api/api-error";
import type { Db } from "@/lib/db";

import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";

export async function getWorkflow(opts: { db: Db; workflowId: string }): Promise<WorkflowDto> {
  const row = await opts.db.workflow.findUnique({ where: { id: opts.workflowId } });
  if (!row) throw notFound("Workflow", opts.workflowId);
  return toWorkflowDto(row);
}
