import "server-only";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { invalidateCachedWebhook } from "@/lib/webhooks/webhook-cache";

import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";
import { updateWorkflowInput } from "./workflow-input";

/**
 * Renames or redescribes a workflow; a new definition becomes the next version, recorded in
 * WorkflowVersion, so runs already queued keep the version they were queued with.
 */
export async function updateWorkflow(opts: { db: Db; workflowId: string; input: unknown }): Promise<WorkflowDto> {
  const { definition, ...fields } = updateWorkflowInput.parse(opts.input);
  const current = await opts.db.workflow.findUnique({ where: { id: opts.workflowId }, select: { version: true } });
  if (!current) throw notFound("Workflow", opts.workflowId);
  if (!definition) {
    const { count } = await opts.db.workflow.updateMany({ where: { id: opts.workflowId }, data: fields });
    if (count === 0) throw notFound("Workflow", opts.workflowId);
  } else {
    const text = JSON.stringify(definition);
    const version = current.version + 1;
    await opts.db.$transaction(async (tx) => {
      // Conditional on the version we read: two concurrent saves cannot both become version n+1.
      const { count } = await tx.workflow.updateMany({
        where: { id: opts.workflowId, version: current.version },
        data: { ...fields, definition: text, version },
      });
      if (count === 0)
        throw new DomainError({
          code: "version_conflict",
          message: "The workflow was changed by someone else just now; reload it and save again",
        });
      await tx.workflowVersion.create({ data: { workflowId: opts.workflowId, version, definition: text } });
    });
    // Webhooks cache the version they queue: runs queued from now on must record the new one.
    const webhooks = await opts.db.webhook.findMany({ where: { workflowId: opts.workflowId }, select: { id: true } });
    for (const webhook of webhooks) invalidateCachedWebhook(webhook.id);
  }
  const row = await opts.db.workflow.findUnique({ where: { id: opts.workflowId } });
  if (!row) throw notFound("Workflow", opts.workflowId);
  return toWorkflowDto(row);
}
