"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys, type ExecutionFilters } from "@/lib/client/query-keys";
import type { ExecutionDto, ExecutionPage, ExecutionStatus, ExecutionSummaryDto } from "@/lib/executions/execution-dto";

const pageSize = 25;
// The list is polled so new and finishing runs show up without a reload.
const listPollMs = 3_000;
// A run being watched is polled faster, only while it can still change.
const runPollMs = 1_000;

export function executionsPath(agentId: string, suffix = ""): string {
  return `/api/agents/${encodeURIComponent(agentId)}/executions${suffix}`;
}

export function executionsPagePath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/executions`;
}

export function runPagePath(agentId: string, executionId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/executions/${encodeURIComponent(executionId)}`;
}

export function isActive(status: ExecutionStatus): boolean {
  return status === "queued" || status === "running";
}

export function useExecutions(agentId: string, filters: ExecutionFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.executionPages(agentId, filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (filters.status) params.set("status", filters.status);
      if (filters.workflowId) params.set("workflowId", filters.workflowId);
      if (filters.trigger) params.set("trigger", filters.trigger);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<ExecutionPage>(executionsPath(agentId, `?${params}`));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: listPollMs,
  });
}

export function useExecution(agentId: string, executionId: string | null) {
  return useQuery({
    queryKey: queryKeys.execution(agentId, executionId ?? ""),
    queryFn: async () =>
      (
        await apiFetch<{ execution: ExecutionDto }>(
          executionsPath(agentId, `/${encodeURIComponent(executionId ?? "")}`),
        )
      ).execution,
    enabled: executionId !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.status) ? false : runPollMs),
  });
}

export function useRetryExecution(agentId: string, executionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await apiFetch<{ execution: ExecutionSummaryDto }>(
          executionsPath(agentId, `/${encodeURIComponent(executionId)}/retry`),
          { method: "POST" },
        )
      ).execution,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions(agentId) }),
  });
}
