"use client";

import { useInfiniteQuery } from "@tanstack/react-query";

import type { AuditEventPage } from "@/lib/audit/audit-event-dto";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

const pageSize = 50;

/** The audit log, newest first, a page at a time. */
export function useAuditEvents(opts: { enabled: boolean }) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditPages,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<AuditEventPage>(`/api/audit?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: opts.enabled,
  });
}
