"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/client/api/tokens";
import { queryKeys } from "@/lib/client/query-keys";
import type { CreateApiTokenInput } from "@/lib/tokens/api-token-input";

export function useApiTokens() {
  return useQuery({ queryKey: queryKeys.apiTokens, queryFn: listApiTokens });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiTokenInput) => createApiToken({ input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => revokeApiToken({ tokenId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens }),
  });
}
