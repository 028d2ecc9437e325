"use client";

import { Button } from "@/components/ui/button";
import { JsonBlock } from "@/components/ui/json-block";
import { formatDateTime } from "@/lib/client/format-date-time";
import type { DataRecordDto } from "@/lib/records/record-dto";

export const recordColumns = ["Key", "Data", "Updated", ""];

function preview(data: unknown): string {
  const text = JSON.stringify(data) ?? "";
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** A record: its key opens the full JSON below the row. Without `onDelete` (viewers) there is no Delete. */
export function RecordRow(props: {
  record: DataRecordDto;
  expanded: boolean;
  onToggle: () => void;
  onDelete?: () => void;
}) {
  const { record } = props;
  const detailId = `record-${record.id}`;
  return (
    <>
      <tr className={`align-top ${props.expanded ? "bg-slate-50" : "bg-white"}`}>
        <td className="px-4 py-3 whitespace-nowrap">
          <button
            type="button"
            aria-expanded={props.expanded}
            aria-controls={props.expanded ? detailId : undefined}
            onClick={props.onToggle}
            className="inline-flex items-center gap-1 font-mono text-[13px] font-medium text-slate-900 hover:text-indigo-600"
          >
            <span
              aria-hidden
              className={`inline-block text-slate-400 transition-transform ${props.expanded ? "rotate-90" : ""}`}
            >
              ▸
            </span>
            {record.key}
          </button>
        </td>
        <td className="max-w-md truncate px-4 py-3 font-mono text-xs text-slate-600" title={preview(record.data)}>
          {preview(record.data)}
        </td>
        <td className="px-4 py-3 whitespace-nowrap text-slate-700">
          <time dateTime={record.updatedAt}>{formatDateTime(record.updatedAt, { compact: true })}</time>
        </td>
        <td className="px-4 py-2 text-right">
          {props.onDelete ? (
            <Button
              variant="ghost"
              className="text-red-700!"
              aria-label={`Delete record ${record.key}`}
              onClick={props.onDelete}
            >
              Delete
            </Button>
          ) : null}
        </td>
      </tr>
      {props.expanded ? (
        <tr id={detailId}>
          <td colSpan={recordColumns.length} className="bg-slate-50 px-4 pt-1 pb-4">
            <JsonBlock value={record.data} label={`Record ${record.key}`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
