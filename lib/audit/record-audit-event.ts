import "server-only";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";
import { getClientIp } from "@/lib/incoming/client-ip";

import type { AuditAction, AuditTargetType } from "./audit-actions";

export type AuditActor = { id: string | null; email: string };

/** Who made a change and from where, handed to a use case that records its own audit row. */
export type AuditContext = { actor: AuditActor; ip: string | null };

/** The database or an open transaction: a use case writes the audit row in the transaction of its change. */
type AuditDb = { auditEvent: Pick<Db["auditEvent"], "create"> };

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
 * Writes one audit event; it throws when the write fails, so a change is never silently left
 * unaudited. Use cases with a transaction call it inside it (the change and its row commit
 * together); route handlers call it after single-write changes.
 */
export async function recordAuditEvent(opts: {
  db: AuditDb;
  actor: AuditActor;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  details?: Record<string, unknown>;
  request?: Request | null;
  /** The caller's IP when there is no request to read it from. */
  ip?: string | null;
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
      ip: opts.request ? getClientIp({ request: opts.request }) : (opts.ip ?? null),
      createdAt: new Date(),
    },
  });
}
