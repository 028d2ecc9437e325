"use client";

import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { Loading } from "@/components/ui/loading";
import type { DataRecordDto } from "@/lib/records/record-dto";

import { DataSection } from "./data-section";
import { recordColumns, RecordRow } from "./record-row";
import { useCollections, useDeleteRecord, useRecords } from "./use-data";

/** The agent's collections, and the records of the chosen one. */
export function RecordsSection({ agentId }: { agentId: string }) {
  const collections = useCollections(agentId);
  const [chosen, setChosen] = useState<string | null>(null);
  const names = collections.data?.map((item) => item.collection) ?? [];
  const selected = chosen && names.includes(chosen) ? chosen : (names[0] ?? null);

  return (
    <DataSection
      id="records"
      title="Records"
      description="JSON records that Record Write steps store, by collection and key."
      query={collections}
      loadingLabel="Loading collections…"
      empty="No records yet. A Record Write step stores one here, e.g. client records, balances or document summaries."
    >
      {collections.data && collections.data.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-[14rem_minmax(0,1fr)]">
          <ul aria-label="Collections" className="flex gap-2 overflow-x-auto lg:flex-col">
            {collections.data.map((item) => (
              <li key={item.collection}>
                <button
                  type="button"
                  aria-pressed={item.collection === selected}
                  onClick={() => setChosen(item.collection)}
                  className={`flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left text-sm whitespace-nowrap ${
                    item.collection === selected
                      ? "bg-indigo-50 font-medium text-indigo-700 ring-1 ring-indigo-200 ring-inset"
                      : "text-slate-700 hover:bg-slate-50"
                  }`}
                >
                  <span className="truncate font-mono text-[13px]">{item.collection}</span>
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 tabular-nums">
                    {item.count}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {selected ? <CollectionRecords key={selected} agentId={agentId} collection={selected} /> : null}
        </div>
      ) : null}
    </DataSection>
  );
}

function CollectionRecords({ agentId, collection }: { agentId: string; collection: string }) {
  const records = useRecords(agentId, collection);
  const remove = useDeleteRecord(agentId);
  const canBuild = useCurrentUser().can("builder");
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DataRecordDto | null>(null);
  const rows = records.data?.pages.flatMap((page) => page.records) ?? [];

  return (
    <div className="min-w-0 space-y-3">
      <ErrorNotice error={records.error} />
      <DataTable caption={`Records in ${collection}`} columns={recordColumns}>
        {rows.map((record) => (
          <RecordRow
            key={record.id}
            record={record}
            expanded={expandedId === record.id}
            onToggle={() => setExpandedId(expandedId === record.id ? null : record.id)}
            onDelete={canBuild ? () => setDeleting(record) : undefined}
          />
        ))}
        {records.isSuccess && rows.length === 0 ? (
          <TableMessageRow columns={recordColumns.length}>No records in {collection}.</TableMessageRow>
        ) : null}
      </DataTable>
      {records.isPending ? <Loading label="Loading records…" /> : null}
      <LoadMoreButton query={records} />
      {deleting ? (
        <ConfirmDialog
          open
          title={`Delete record ${deleting.key}?`}
          confirmLabel="Delete record"
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          <p>
            This deletes the record <span className="font-mono">{deleting.key}</span> from {collection}. A workflow that
            reads it will find nothing. It cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
