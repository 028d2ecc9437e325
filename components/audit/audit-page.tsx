"use client";

import { AdminsOnly } from "@/components/auth/admins-only";
import { useCurrentUser } from "@/components/auth/use-current-user";
import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { Loading } from "@/components/ui/loading";
import { ApiClientError } from "@/lib/client/api-client";

import { auditColumns, AuditRow } from "./audit-row";
import { useAuditEvents } from "./use-audit-events";

/** Who did what, newest first: sign-ins, user changes, and every change to agents, workflows, webhooks and keys. */
export function AuditPage() {
  const me = useCurrentUser();
  const isAdmin = me.can("admin");
  const events = useAuditEvents({ enabled: isAdmin });
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  if (me.isPending) return <Loading />;
  if (!isAdmin || (events.error instanceof ApiClientError && events.error.status === 403)) return <AdminsOnly />;

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <p className="text-sm text-slate-600">
          Who did what, newest first: sign-ins, user changes, and every change to agents, workflows, webhooks and their
          keys.
        </p>
      </header>
      <ErrorNotice error={events.error} />
      <DataTable caption="Audit log" columns={auditColumns} className="rounded-xl shadow-sm">
        {rows.map((event) => (
          <AuditRow key={event.id} event={event} />
        ))}
        {events.isSuccess && rows.length === 0 ? (
          <TableMessageRow columns={auditColumns.length}>Nothing has been recorded yet.</TableMessageRow>
        ) : null}
        {events.isPending ? (
          <TableMessageRow columns={auditColumns.length}>
            <span role="status">Loading the audit log…</span>
          </TableMessageRow>
        ) : null}
      </DataTable>
      <LoadMoreButton query={events} />
    </div>
  );
}
