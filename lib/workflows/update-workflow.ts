import "server-only";

import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { refreshWebhooks } from "@/lib/webhooks/refresh-webhooks";

import { toWorkflowDto, type WorkflowDto } from "./workflow-dto";
import { updateWorkflowInput } from "./workflow-input";

/**
 * Renames or redescribes a workflow; a new definition becomes the next version, recorded in
 * workflowVersion so runs can replay the exact definition they started with. Audited (as `actor`
 * from `ip`) in the same transaction as the change.
 */
export async function updateWorkflow(opts: {
  db: Db;
  workflowId: string;
  input: unknown;
  actor: AuditActor;
  ip?: string | null;
}): Promise<WorkflowDto> {
  const { definition, ...fields } = updateWorkflowInput.parse(opts.input);
  const current = await opts.db.workflow.findUnique({ where: { id: opts.workflowId }, select: { version: true } });
  if (!current) throw notFound("Workflow", opts.workflowId);
  const row = await opts.db.$transaction(async (tx) => {
    if (!definition) {
      const { count } = await tx.workflow.updateMany({ where: { id: opts.workflowId }, data: fields });
      if (count === 0) throw notFound("Workflow", opts.workflowId);
    } else {
      const text = JSON.stringify(definition);
      const version = current.version + 1;
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
    }
    const updated = await tx.workflow.findUniqueOrThrow({ where: { id: opts.workflowId } });
    await recordAuditEvent({
      db: tx,
      actor: opts.actor,
      ip: opts.ip,
      action: "workflow.updated",
      targetType: "workflow",
      targetId: opts.workflowId,
      details: {
        agentId: updated.agentId,
        name: updated.name,
        version: updated.version,
        fields: changedFields(opts.input),
      },
    });
    return updated;
  });
  if (definition) {
    // Webhooks cache the version they queue: runs queued from now on must record the new one.
    await refreshWebhooks({ db: opts.db, of: { workflowId: opts.workflowId } });
  }
  return toWorkflowDto(row);
}
