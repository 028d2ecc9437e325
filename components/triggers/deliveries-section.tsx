"use client";

import { useState } from "react";

import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { SelectField } from "@/components/ui/select-field";
import type { DeliveryOutcome } from "@/lib/deliveries/delivery-dto";

import { DeliveryDetail } from "./delivery-detail";
import { deliveryColumns, DeliveryRow } from "./delivery-row";
import { useDeliveries } from "./use-deliveries";

/**
 * The webhook's delivery log, newest first, polled so new requests appear without a reload.
 * `openDeliveryId` starts with that delivery open; one older than the loaded pages is shown above the table.
 */
export function DeliveriesSection(props: { agentId: string; webhookId: string; openDeliveryId?: string | null }) {
  const { agentId, webhookId } = props;
  const [outcome, setOutcome] = useState<DeliveryOutcome | null>(null);
  const [expandedId, setExpandedId] = useState<string | null>(props.openDeliveryId ?? null);
  const deliveries = useDeliveries({ agentId, webhookId, outcome });
  const rows = deliveries.data?.pages.flatMap((page) => page.deliveries) ?? [];
  const linkedOutsideRows =
    props.openDeliveryId && deliveries.isSuccess && !rows.some((row) => row.id === props.openDeliveryId)
      ? props.openDeliveryId
      : null;

  return (
    <section
      aria-labelledby="deliveries-heading"
      className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h3 id="deliveries-heading" className="text-base font-semibold text-slate-900">
            Deliveries
          </h3>
          <p className="mt-1 text-sm text-slate-600">
            Every request to the endpoint, accepted or rejected. Updates every few seconds.
          </p>
        </div>
        <div className="w-40">
          <SelectField
            label="Outcome"
            value={outcome ?? ""}
            onChange={(event) => setOutcome((event.target.value || null) as DeliveryOutcome | null)}
          >
            <option value="">All</option>
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </SelectField>
        </div>
      </div>
      <ErrorNotice error={deliveries.error} />
      {linkedOutsideRows ? (
        <div aria-label={`Delivery ${linkedOutsideRows}`} role="region" className="rounded-lg bg-slate-50 p-4">
          <DeliveryDetail agentId={agentId} webhookId={webhookId} deliveryId={linkedOutsideRows} />
        </div>
      ) : null}
      <DataTable caption="Deliveries" columns={deliveryColumns}>
        {rows.map((delivery) => (
          <DeliveryRow
            key={delivery.id}
            agentId={agentId}
            delivery={delivery}
            expanded={expandedId === delivery.id}
            onToggle={() => setExpandedId(expandedId === delivery.id ? null : delivery.id)}
          />
        ))}
        {deliveries.isSuccess && rows.length === 0 ? (
          <TableMessageRow columns={deliveryColumns.length}>
            {outcome
              ? `No ${outcome} deliveries.`
              : "No deliveries yet. Send a test event, or POST a signed request to the endpoint: it will show up here within seconds."}
          </TableMessageRow>
        ) : null}
        {deliveries.isPending ? (
          <TableMessageRow columns={deliveryColumns.length}>
            <span role="status">Loading deliveries…</span>
          </TableMessageRow>
        ) : null}
      </DataTable>
      <LoadMoreButton query={deliveries} />
    </section>
  );
}
