"use client";

import Link from "next/link";
import type { ReactNode } from "react";

import { ApiClientError } from "@/lib/client/api-client";

import { EmptyState } from "./empty-state";
import { ErrorNotice } from "./error-notice";
import { Loading } from "./loading";

type DetailQuery<T> = { data: T | undefined; error: Error | null; isPending: boolean };

/**
 * The frame of a page that shows one thing of a list (a webhook, a workflow, a run): a breadcrumb
 * back to the list, loading and errors, and a not-found message with a link back when the API
 * answers 404 (or `isMissing` says the answer belongs elsewhere).
 */
export function DetailPage<T>(props: {
  query: DetailQuery<T>;
  list: { label: string; href: string; backLabel: string };
  /** The breadcrumb's last item; `mono` for an id. */
  crumb: { label: string; mono?: boolean };
  notFound: { title: string; message: ReactNode };
  isMissing?: (data: T) => boolean;
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  const { query, list, crumb } = props;
  const missing =
    (query.error instanceof ApiClientError && query.error.status === 404) ||
    (query.data !== undefined && props.isMissing?.(query.data));

  if (missing) {
    return (
      <EmptyState
        title={props.notFound.title}
        action={
          <Link href={list.href} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            {list.backLabel}
          </Link>
        }
      >
        {props.notFound.message}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <ol className="flex items-center gap-2">
          <li>
            <Link href={list.href} className="hover:text-slate-700">
              {list.label}
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li
            aria-current="page"
            className={`truncate font-medium text-slate-700 ${crumb.mono ? "font-mono text-xs" : ""}`}
          >
            {crumb.label}
          </li>
        </ol>
      </nav>
      <ErrorNotice error={query.error} />
      {query.isPending ? <Loading label={props.loadingLabel} /> : null}
      {query.data !== undefined ? props.children(query.data) : null}
    </div>
  );
}
