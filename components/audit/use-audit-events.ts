"use client";

import { useInfiniteQuery } from "@tanstack/react-query";

import { listAuditEvents } from "@/lib/client/api/audit";
import { queryKeys } from "@/lib/client/query-keys";

const pageSize = 50;

/** The audit log, newest first, a page at a time. */
export function useAuditEvents(opts: { enabled: boolean }) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditPages,
    queryFn: ({ pageParam }) => listAuditEvents({ limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: opts.enabled,
  });
}
