import "server-only";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/api/api-error";
import { createWorkflowInput } from "./workflow-input";
import { emptyWorkflowDefinition } from "./workflow-definition";
import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";

export async function createWorkflow(opts: { db: Db; agentId: string; input: unknown }): Promise<WorkflowDto> {
  const data = createWorkflowInput.parse(opts.input);
  const agent = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", opts.agentId);
  const row = await opts.db.workflow.create({
    data: { ...data, agentId: agent.id, version: 1, definition: JSON.stringify(emptyWorkflowDefinition) },
  });
  return toWorkflowDto(row);
}
