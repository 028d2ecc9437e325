import "server-only";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { createId } from "@/lib/ids";

import { sealAgentSecret } from "./seal-agent-secret";
import type { SecretChangeAudit } from "./secret-audit";
import { agentSecretDtoSelect, toAgentSecretDto, type AgentSecretDto } from "./secret-dto";
import { putSecretInput, secretNameSchema } from "./secret-input";

export function parseSecretName(name: string): string {
  const parsed = secretNameSchema.safeParse(name);
  if (!parsed.success)
    throw new DomainError({ code: "invalid_input", field: "name", message: `name: ${parsed.error.issues[0].message}` });
  return parsed.data;
}

/**
 * Creates the agent's secret or replaces its value. The value is sealed before it reaches the
 * database and is not returned; the audit row (name only) is written in the same transaction.
 */
export async function putAgentSecret(opts: {
  db: Db;
  agentId: string;
  name: string;
  input: unknown;
  audit: SecretChangeAudit;
}): Promise<{ secret: AgentSecretDto; created: boolean }> {
  const name = parseSecretName(opts.name);
  const { value } = putSecretInput.parse(opts.input);
  const valueCiphertext = sealAgentSecret({ agentId: opts.agentId, name, value });
  return opts.db.$transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
    if (!agent) throw notFound("Agent", opts.agentId);
    const where = { agentId_name: { agentId: opts.agentId, name } };
    const existing = await tx.agentSecret.findUnique({ where, select: { id: true } });
    const row = await tx.agentSecret.upsert({
      where,
      create: {
        id: createId("sec"),
        agentId: opts.agentId,
        name,
        valueCiphertext,
        createdById: opts.audit.actor.id,
        createdByEmail: opts.audit.actor.email.slice(0, 320),
      },
      update: { valueCiphertext },
      select: agentSecretDtoSelect,
    });
    await recordAuditEvent({
      db: tx,
      actor: opts.audit.actor,
      action: existing ? "agent.secret_replaced" : "agent.secret_created",
      targetType: "agent",
      targetId: opts.agentId,
      details: { name },
      request: opts.audit.request,
    });
    return { secret: toAgentSecretDto(row), created: !existing };
  });
}
