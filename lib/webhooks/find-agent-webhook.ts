import "server-only";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";

import { webhookDtoInclude } from "./to-webhook-dto";

/** Loads a webhook through its agent, so a webhook id under another agent's URL is not_found. */
export async function findAgentWebhook(opts: { db: Db; agentId: string; webhookId: string }) {
  const row = await opts.db.webhook.findUnique({ where: { id: opts.webhookId }, include: webhookDtoInclude });
  if (!row || row.agentId !== opts.agentId) throw notFound("Webhook", opts.webhookId);
  return row;
}

/** Checks the workflow belongs to the agent; otherwise invalid_input naming the workflowId field. */
export async function assertAgentWorkflow(opts: { db: Db; agentId: string; workflowId: string }): Promise<void> {
  const workflow = await opts.db.workflow.findUnique({ where: { id: opts.workflowId }, select: { agentId: true } });
  if (!workflow || workflow.agentId !== opts.agentId) {
    throw new DomainError({
      code: "invalid_input",
      field: "workflowId",
      message: `workflowId: this agent has no workflow ${opts.workflowId}`,
    });
  }
}
