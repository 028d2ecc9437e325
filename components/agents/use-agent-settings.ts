"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { AgentSettingsDto } from "@/lib/agents/agent-settings-dto";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

/** null clears a setting; an omitted one is kept (the API key is never sent back, so it is usually omitted). */
export type AgentSettingsPatch = { llmBaseUrl?: string | null; llmModel?: string | null; llmApiKey?: string | null };

const settingsPath = (agentId: string) => `/api/agents/${encodeURIComponent(agentId)}/settings`;

export function useAgentSettings(agentId: string) {
  return useQuery({
    queryKey: queryKeys.agentSettings(agentId),
    queryFn: async () => (await apiFetch<{ settings: AgentSettingsDto }>(settingsPath(agentId))).settings,
  });
}

export function useUpdateAgentSettings(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: AgentSettingsPatch) =>
      (await apiFetch<{ settings: AgentSettingsDto }>(settingsPath(agentId), { method: "PATCH", body: patch }))
        .settings,
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.agentSettings(agentId), settings),
  });
}
