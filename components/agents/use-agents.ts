"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { CreateAgentInput, UpdateAgentInput } from "@/lib/agents/agent-input";
import { createAgent, deleteAgent, getAgent, listAgents, updateAgent } from "@/lib/client/api/agents";
import { queryKeys } from "@/lib/client/query-keys";

export function useAgents() {
  return useQuery({ queryKey: queryKeys.agents, queryFn: listAgents });
}

export function useAgent(agentId: string) {
  return useQuery({ queryKey: queryKeys.agent(agentId), queryFn: () => getAgent({ agentId }) });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAgentInput) => createAgent({ input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.agents }),
  });
}

export function useUpdateAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAgentInput) => updateAgent({ agentId, input }),
    onSuccess: (agent) => {
      queryClient.setQueryData(queryKeys.agent(agentId), agent);
      return queryClient.invalidateQueries({ queryKey: queryKeys.agents, exact: true });
    },
  });
}

export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) => deleteAgent({ agentId }),
    onSuccess: (_result, agentId) => {
      queryClient.removeQueries({ queryKey: queryKeys.agent(agentId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.agents, exact: true });
    },
  });
}
