"use client";

import Link from "next/link";

import { formatDateTime } from "@/lib/client/format-date-time";
import { runPagePath } from "@/lib/client/page-paths";
import type { DeliverySummaryDto } from "@/lib/deliveries/delivery-dto";

import { ExecutionStatusBadge, OutcomeBadge } from "./delivery-badges";
import { DeliveryDetail } from "./delivery-detail";

export const deliveryColumns = ["Time", "Outcome", "HTTP status", "Reason", "Verified with", "Run", "Duplicates"];

const verifiedWithLabels = { current: "Current key", previous: "Previous key" } as const;

/** One delivery; its time is a toggle that opens the headers and body below the row. */
export function DeliveryRow(props: {
  agentId: string;
  delivery: DeliverySummaryDto;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { delivery } = props;
  const detailId = `delivery-${delivery.id}`;

  return (
    <>
      <tr
        onClick={props.onToggle}
        className={`cursor-pointer align-top hover:bg-slate-50 ${props.expanded ? "bg-slate-50" : ""}`}
      >
        <td className="px-4 py-3 whitespace-nowrap">
          <button
            type="button"
            aria-expanded={props.expanded}
            aria-controls={props.expanded ? detailId : undefined}
            onClick={(event) => {
              // The row handles the click too; stop here so one click toggles once.
              event.stopPropagation();
              props.onToggle();
            }}
            className="inline-flex items-center gap-1 font-medium text-slate-900 hover:text-indigo-600"
          >
            <span
              aria-hidden
              className={`inline-block text-slate-400 transition-transform ${props.expanded ? "rotate-90" : ""}`}
            >
              ▸
            </span>
            <time dateTime={delivery.receivedAt} title={formatDateTime(delivery.receivedAt)}>
              {formatDateTime(delivery.receivedAt, { compact: true })}
            </time>
          </button>
        </td>
        <td className="px-4 py-3">
          <OutcomeBadge outcome={delivery.outcome} />
        </td>
        <td className="px-4 py-3 font-mono">{delivery.httpStatus}</td>
        <td className="min-w-56 px-4 py-3 text-slate-700">
          {delivery.outcome === "rejected" ? delivery.errorMessage : null}
        </td>
        <td className="px-4 py-3 whitespace-nowrap text-slate-700">
          {delivery.verifiedWith ? verifiedWithLabels[delivery.verifiedWith] : "—"}
        </td>
        <td className="px-4 py-3 whitespace-nowrap">
          {delivery.execution ? (
            <span className="flex flex-col items-start gap-1">
              <ExecutionStatusBadge status={delivery.execution.status} />
              <Link
                href={runPagePath(props.agentId, delivery.execution.id)}
                onClick={(event) => event.stopPropagation()}
                title={delivery.execution.id}
                className="block max-w-40 truncate font-mono text-xs text-indigo-600 hover:text-indigo-500 hover:underline"
              >
                <span className="sr-only">Open run </span>
                {delivery.execution.id}
              </Link>
            </span>
          ) : (
            "—"
          )}
        </td>
        <td className="px-4 py-3 text-slate-700">{delivery.duplicateCount > 0 ? delivery.duplicateCount : "—"}</td>
      </tr>
      {props.expanded ? (
        <tr id={detailId}>
          <td colSpan={deliveryColumns.length} className="bg-slate-50 px-4 pt-1 pb-5">
            <DeliveryDetail agentId={props.agentId} webhookId={delivery.webhookId} deliveryId={delivery.id} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
