import type { AuditActor } from "@/lib/audit/record-audit-event";

/** Who changes a secret, for the audit row written in the same transaction as the change. */
export type SecretChangeAudit = { actor: AuditActor; request: Request | null };
