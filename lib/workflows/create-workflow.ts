import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { emptyWorkflowDefinition } from "./workflow-definition";
import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";
import { createWorkflowInput } from "./workflow-input";

/** Creates a workflow at version 1 (blank, or with the given definition) and records that version. */
export async function createWorkflow(opts: { db: Db; agentId: string; input: unknown }): Promise<WorkflowDto> {
  const { definition, ...data } = createWorkflowInput.parse(opts.input);
  const agent = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", opts.agentId);
  const text = JSON.stringify(definition ?? emptyWorkflowDefinition);
  const row = await opts.db.workflow.create({
    data: {
      ...data,
      agentId: agent.id,
      version: 1,
      definition: text,
      versions: { create: { version: 1, definition: text } },
    },
  });
  return toWorkflowDto(row);
}
