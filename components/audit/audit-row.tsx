import { auditActionLabels } from "@/lib/audit/audit-actions";
import type { AuditEventDto } from "@/lib/audit/audit-event-dto";
import { formatDateTime } from "@/lib/client/format-date-time";

import { formatAuditDetails } from "./format-audit-details";

export const auditColumns = ["Time", "Actor", "Action", "Target", "Details"] as const;

export function AuditRow({ event }: { event: AuditEventDto }) {
  const details = formatAuditDetails(event.details);
  return (
    <tr className="align-top">
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
        <time dateTime={event.createdAt} title={event.createdAt}>
          {formatDateTime(event.createdAt)}
        </time>
      </td>
      <td className="px-4 py-3">
        <div className="text-slate-900">{event.actorEmail}</div>
        {event.ip ? <div className="font-mono text-xs text-slate-500">{event.ip}</div> : null}
      </td>
      <td className="px-4 py-3">
        <div className="text-slate-900">{auditActionLabels[event.action] ?? event.action}</div>
        <div className="font-mono text-xs text-slate-500">{event.action}</div>
      </td>
      <td className="px-4 py-3">
        <div className="text-slate-700 capitalize">{event.targetType}</div>
        {event.targetId ? (
          <div className="font-mono text-xs whitespace-nowrap text-slate-500">{event.targetId}</div>
        ) : null}
      </td>
      <td className="px-4 py-3">
        {details.length > 0 ? (
          <dl className="grid max-w-md min-w-56 grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
            {details.map((detail) => (
              <div key={detail.key} className="contents">
                <dt className="text-slate-500">{detail.key}</dt>
                <dd className="font-mono break-all text-slate-800">{detail.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}
