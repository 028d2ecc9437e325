"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { WorkflowDefinitionInput } from "@/lib/workflows/workflow-definition";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";
import type { CreateWorkflowInput, UpdateWorkflowInput } from "@/lib/workflows/workflow-input";

export function useWorkflows(agentId: string) {
  return useQuery({
    queryKey: queryKeys.workflows(agentId),
    queryFn: async () =>
      (await apiFetch<{ workflows: WorkflowDto[] }>(`/api/agents/${encodeURIComponent(agentId)}/workflows`)).workflows,
  });
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
    // A definition is sent when the workflow starts from a template.
    mutationFn: async (input: CreateWorkflowInput & { definition?: WorkflowDefinitionInput }) =>
      (
        await apiFetch<{ workflow: WorkflowDto }>(`/api/agents/${encodeURIComponent(agentId)}/workflows`, {
          method: "POST",
          body: input,
        })
      ).workflow,
    onSuccess: invalidate,
  });
}

export function useUpdateWorkflow(agentId: string) {
  const invalidate = useInvalidateWorkflows(agentId);
  return useMutation({
    mutationFn: async ({ workflowId, input }: { workflowId: string; input: UpdateWorkflowInput }) =>
      (
        await apiFetch<{ workflow: WorkflowDto }>(`/api/workflows/${encodeURIComponent(workflowId)}`, {
          method: "PATCH",
          body: input,
        })
      ).workflow,
    onSuccess: invalidate,
  });
}

export function useDeleteWorkflow(agentId: string) {
  const invalidate = useInvalidateWorkflows(agentId);
  return useMutation({
    mutationFn: (workflowId: string) =>
      apiFetch<void>(`/api/workflows/${encodeURIComponent(workflowId)}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
