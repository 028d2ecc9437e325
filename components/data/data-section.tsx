import type { ReactNode } from "react";

import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";

/** A card of the Data tab: heading, what it holds, then loading, errors or its empty message around the content. */
export function DataSection(props: {
  id: string;
  title: string;
  description: ReactNode;
  query: { data: unknown[] | undefined; error: Error | null; isPending: boolean };
  loadingLabel: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${props.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div>
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {props.title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{props.description}</p>
      </div>
      <ErrorNotice error={props.query.error} />
      {props.query.isPending ? <Loading label={props.loadingLabel} /> : null}
      {props.query.data?.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600">
          {props.empty}
        </p>
      ) : null}
      {props.children}
    </section>
  );
}
