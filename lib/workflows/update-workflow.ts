import "server-only";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/api/api-error";
import { invalidateCachedWebhook } from "@/lib/webhooks/webhook-cache";
import { updateWorkflowInput } from "./workflow-input";
import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";

/** Renames or redescribes a workflow; a new definition also bumps its version by one. */
export async function updateWorkflow(opts: { db: Db; workflowId: string; input: unknown }): Promise<WorkflowDto> {
  const { definition, ...fields } = updateWorkflowInput.parse(opts.input);
  const data = definition ? { ...fields, definition: JSON.stringify(definition), version: { increment: 1 } } : fields;
  const { count } = await opts.db.workflow.updateMany({ where: { id: opts.workflowId }, data });
  if (count === 0) throw notFound("Workflow", opts.workflowId);
  if (definition) {
    // Webhooks cache the version they queue: runs queued from now on must record the new one.
    const webhooks = await opts.db.webhook.findMany({ where: { workflowId: opts.workflowId }, select: { id: true } });
    for (const webhook of webhooks) invalidateCachedWebhook(webhook.id);
  }
  const row = await opts.db.workflow.findUnique({ where: { id: opts.workflowId } });
  if (!row) throw notFound("Workflow", opts.workflowId);
  return toWorkflowDto(row);
}
