"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { ExecutionSummaryDto } from "@/lib/executions/execution-dto";
import type { WorkflowDefinition } from "@/lib/workflows/workflow-definition";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";

import { workflowApiPath } from "./workflow-paths";

export function useWorkflow(agentId: string, workflowId: string) {
  return useQuery({
    queryKey: queryKeys.workflow(agentId, workflowId),
    queryFn: async () => (await apiFetch<{ workflow: WorkflowDto }>(workflowApiPath(workflowId))).workflow,
  });
}

export function useSaveDefinition(agentId: string, workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (definition: WorkflowDefinition) =>
      (
        await apiFetch<{ workflow: WorkflowDto }>(workflowApiPath(workflowId), {
          method: "PATCH",
          body: { definition },
        })
      ).workflow,
    onSuccess: (workflow) => {
      queryClient.setQueryData(queryKeys.workflow(agentId, workflowId), workflow);
      return queryClient.invalidateQueries({ queryKey: queryKeys.workflows(agentId), exact: true });
    },
  });
}

export function useTestRun(agentId: string, workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { body: unknown; headers?: Record<string, string> }) =>
      (
        await apiFetch<{ execution: ExecutionSummaryDto }>(workflowApiPath(workflowId, "/test-run"), {
          method: "POST",
          body: input,
        })
      ).execution,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions(agentId) }),
  });
}
