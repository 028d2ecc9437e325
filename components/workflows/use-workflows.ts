"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  createWorkflow,
  deleteWorkflow,
  listWorkflows,
  updateWorkflow,
  type NewWorkflowInput,
} from "@/lib/client/api/workflows";
import { queryKeys } from "@/lib/client/query-keys";
import type { UpdateWorkflowInput } from "@/lib/workflows/workflow-input";

export function useWorkflows(agentId: string) {
  return useQuery({ queryKey: queryKeys.workflows(agentId), queryFn: () => listWorkflows({ agentId }) });
}

// Workflow changes also change the agent's workflow count, shown on the Agents page.
function useInvalidateWorkflows(agentId: string) {
  const queryClient = useQueryClient();
  return () =>
    queryClient
      .invalidateQueries({ queryKey: queryKeys.agent(agentId) })
      .then(() => queryClient.invalidateQueries({ queryKey: queryKeys.agents, exact: true }));
}

export function useCreateWorkflow(agentId: string) {
  const invalidate = useInvalidateWorkflows(agentId);
  return useMutation({
    mutationFn: (input: NewWorkflowInput) => createWorkflow({ agentId, input }),
    onSuccess: invalidate,
  });
}

export function useUpdateWorkflow(agentId: string) {
  const invalidate = useInvalidateWorkflows(agentId);
  return useMutation({
    mutationFn: (opts: { workflowId: string; input: UpdateWorkflowInput }) => updateWorkflow(opts),
    onSuccess: invalidate,
  });
}

export function useDeleteWorkflow(agentId: string) {
  const invalidate = useInvalidateWorkflows(agentId);
  return useMutation({
    mutationFn: (workflowId: string) => deleteWorkflow({ workflowId }),
    onSuccess: invalidate,
  });
}
