import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";

export async function listWorkflows(opts: { db: Db; agentId: string }): Promise<WorkflowDto[]> {
  const agent = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { workflows: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] } },
  });
  if (!agent) throw notFound("Agent", opts.agentId);
  return agent.workflows.map(toWorkflowDto);
}
