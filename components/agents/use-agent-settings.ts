"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { getAgentSettings, updateAgentSettings, type AgentSettingsPatch } from "@/lib/client/api/agents";
import { queryKeys } from "@/lib/client/query-keys";

export function useAgentSettings(agentId: string) {
  return useQuery({ queryKey: queryKeys.agentSettings(agentId), queryFn: () => getAgentSettings({ agentId }) });
}

export function useUpdateAgentSettings(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AgentSettingsPatch) => updateAgentSettings({ agentId, patch }),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.agentSettings(agentId), settings),
  });
}
