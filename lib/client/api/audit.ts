// The audit log API, typed.
import type { AuditEventPage } from "@/lib/audit/audit-event-dto";

import { apiFetch } from "../api-client";
import { queryString } from "./paths";

export function listAuditEvents(opts: { limit: number; cursor: string | null }): Promise<AuditEventPage> {
  return apiFetch<AuditEventPage>(`/api/audit${queryString({ limit: String(opts.limit), cursor: opts.cursor })}`);
}
