import "server-only";

import type { Db } from "@/lib/db";
import { getClientIp } from "@/lib/http/request-host";
import { createId } from "@/lib/ids";

import type { AuditAction, AuditTargetType } from "./audit-actions";

export type AuditActor = { id: string | null; email: string };

// Details name what changed, never the values of secrets; this is the net under that rule.
const secretKey = /password|secret|private.?key|api.?key|token|ciphertext/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretKey.test(key) ? "[redacted]" : withoutSecrets(inner)]),
  );
}

/**
 * Writes one audit event, after the change succeeded in the same request or inside the change's
 * transaction; it throws when the write fails, so a change is never silently left unaudited.
 */
export async function recordAuditEvent(opts: {
  /** The client or an interactive transaction's, so a use case can audit in the same transaction. */
  db: Pick<Db, "auditEvent">;
  actor: AuditActor;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  details?: Record<string, unknown>;
  request?: Request | null;
}): Promise<void> {
  await opts.db.auditEvent.create({
    data: {
      id: createId("aud"),
      actorId: opts.actor.id,
      actorEmail: opts.actor.email.slice(0, 320),
      action: opts.action,
      targetType: opts.targetType,
      targetId: opts.targetId ?? null,
      details: JSON.stringify(withoutSecrets(opts.details ?? {})),
      ip: opts.request ? getClientIp(opts.request) : null,
      createdAt: new Date(),
    },
  });
}
