import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { parseSecretName } from "./put-agent-secret";
import type { SecretChangeAudit } from "./secret-audit";

/** Deletes the agent's secret; runs that reference it from now on fail, naming it. Audited in the same transaction. */
export async function deleteAgentSecret(opts: {
  db: Db;
  agentId: string;
  name: string;
  audit: SecretChangeAudit;
}): Promise<void> {
  const name = parseSecretName(opts.name);
  await opts.db.$transaction(async (tx) => {
    const { count } = await tx.agentSecret.deleteMany({ where: { agentId: opts.agentId, name } });
    if (count === 0) throw notFound("Secret", name);
    await recordAuditEvent({
      db: tx,
      actor: opts.audit.actor,
      action: "agent.secret_deleted",
      targetType: "agent",
      targetId: opts.agentId,
      details: { name },
      request: opts.audit.request,
    });
  });
}
