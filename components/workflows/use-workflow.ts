"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { getWorkflow, testRunWorkflow, updateWorkflow, type TestRunInput } from "@/lib/client/api/workflows";
import { queryKeys } from "@/lib/client/query-keys";
import type { WorkflowDefinition } from "@/lib/workflows/workflow-definition";

export function useWorkflow(agentId: string, workflowId: string) {
  return useQuery({ queryKey: queryKeys.workflow(agentId, workflowId), queryFn: () => getWorkflow({ workflowId }) });
}

export function useSaveDefinition(agentId: string, workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: WorkflowDefinition) => updateWorkflow({ workflowId, input: { definition } }),
    onSuccess: (workflow) => {
      queryClient.setQueryData(queryKeys.workflow(agentId, workflowId), workflow);
      return queryClient.invalidateQueries({ queryKey: queryKeys.workflows(agentId), exact: true });
    },
  });
}

export function useTestRun(agentId: string, workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TestRunInput) => testRunWorkflow({ workflowId, input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions(agentId) }),
  });
}
