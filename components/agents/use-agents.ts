"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AgentDto } from "@/lib/agents/agent-dto";
import type { CreateAgentInput, UpdateAgentInput } from "@/lib/agents/agent-input";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export function useAgents() {
  return useQuery({
    queryKey: queryKeys.agents,
    queryFn: async () => (await apiFetch<{ agents: AgentDto[] }>("/api/agents")).agents,
  });
}

export function useAgent(agentId: string) {
  return useQuery({
    queryKey: queryKeys.agent(agentId),
    queryFn: async () => (await apiFetch<{ agent: AgentDto }>(`/api/agents/${encodeURIComponent(agentId)}`)).agent,
  });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateAgentInput) =>
      (await apiFetch<{ agent: AgentDto }>("/api/agents", { method: "POST", body: input })).agent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.agents }),
  });
}

export function useUpdateAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdateAgentInput) =>
      (
        await apiFetch<{ agent: AgentDto }>(`/api/agents/${encodeURIComponent(agentId)}`, {
          method: "PATCH",
          body: input,
        })
      ).agent,
    onSuccess: (agent) => {
      queryClient.setQueryData(queryKeys.agent(agentId), agent);
      return queryClient.invalidateQueries({ queryKey: queryKeys.agents, exact: true });
    },
  });
}

export function useDeleteAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) => apiFetch<void>(`/api/agents/${encodeURIComponent(agentId)}`, { method: "DELETE" }),
    onSuccess: (_result, agentId) => {
      queryClient.removeQueries({ queryKey: queryKeys.agent(agentId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.agents, exact: true });
    },
  });
}
