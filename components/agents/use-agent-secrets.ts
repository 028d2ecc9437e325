"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { deleteSecret, listSecrets, putSecret, secretsQueryKey } from "@/lib/client/api/secrets";

export function useAgentSecrets(agentId: string) {
  return useQuery({ queryKey: secretsQueryKey(agentId), queryFn: () => listSecrets(agentId) });
}

export function usePutAgentSecret(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (secret: { name: string; value: string }) => putSecret({ agentId, ...secret }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretsQueryKey(agentId) }),
  });
}

export function useDeleteAgentSecret(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => deleteSecret({ agentId, name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretsQueryKey(agentId) }),
  });
}
