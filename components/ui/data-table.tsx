import type { ReactNode } from "react";

/**
 * The framed, horizontally scrollable table used for lists of runs, deliveries, records and
 * attempts. The caption names it for assistive tech (and tests); an empty column name is
 * announced as "Actions".
 */
export function DataTable({
  caption,
  columns,
  children,
  className = "rounded-lg",
}: {
  caption: string;
  columns: readonly string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`overflow-x-auto ring-1 ring-slate-200 ${className}`}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                {column || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white">{children}</tbody>
      </table>
    </div>
  );
}

/** A full-width row for "nothing here" and "loading" messages inside a DataTable. */
export function TableMessageRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-4 py-10 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}
