"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { getExecution, listExecutions, retryExecution } from "@/lib/client/api/executions";
import { queryKeys, type ExecutionFilters } from "@/lib/client/query-keys";
import type { ExecutionDto, ExecutionStatus } from "@/lib/executions/execution-dto";

const pageSize = 25;
// The list is polled so new and finishing runs show up without a reload.
const listPollMs = 3_000;
// A run being watched is polled faster, only while it can still change.
const runPollMs = 1_000;

export function isActive(status: ExecutionStatus): boolean {
  return status === "queued" || status === "running";
}

export function useExecutions(agentId: string, filters: ExecutionFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.executionPages(agentId, filters),
    queryFn: ({ pageParam }) => listExecutions({ agentId, filters, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: listPollMs,
  });
}

export function useExecution(agentId: string, executionId: string | null) {
  return useQuery({
    queryKey: queryKeys.execution(agentId, executionId ?? ""),
    queryFn: () => getExecution({ agentId, executionId: executionId ?? "" }),
    enabled: executionId !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.status) ? false : runPollMs),
  });
}

export function useRetryExecution(agentId: string, executionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => retryExecution({ agentId, executionId }),
    // Show the queued state at once (which also restarts polling), then refetch the full run.
    onSuccess: (summary) => {
      queryClient.setQueryData<ExecutionDto>(queryKeys.execution(agentId, executionId), (run) =>
        run && summary.id === run.id ? { ...run, ...summary } : run,
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.executions(agentId) });
    },
  });
}
