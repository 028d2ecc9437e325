import type { AuditAction, AuditTargetType } from "./audit-actions";

/** One audit log entry as GET /api/audit returns it. */
export type AuditEventDto = {
  id: string;
  /** Null when nobody was signed in (a failed sign-in) or the user has since been removed. */
  actorId: string | null;
  /** The actor's email at the time; for a failed sign-in, the email that was tried. */
  actorEmail: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
};

export type AuditEventPage = { events: AuditEventDto[]; nextCursor: string | null };
