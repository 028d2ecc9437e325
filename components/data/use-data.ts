"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { getConversationMessages, listConversations } from "@/lib/client/api/conversations";
import { deleteRecord, listCollections, listRecords } from "@/lib/client/api/records";
import { queryKeys } from "@/lib/client/query-keys";

// Workflows write records and messages while the builder watches, so both are polled.
const pollMs = 3_000;
const pageSize = 25;

export function useCollections(agentId: string) {
  return useQuery({
    queryKey: queryKeys.collections(agentId),
    queryFn: () => listCollections({ agentId }),
    refetchInterval: pollMs,
  });
}

export function useRecords(agentId: string, collection: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.recordPages(agentId, collection ?? ""),
    queryFn: ({ pageParam }) =>
      listRecords({ agentId, collection: collection ?? "", limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: collection !== null,
    refetchInterval: pollMs,
  });
}

export function useDeleteRecord(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (recordId: string) => deleteRecord({ agentId, recordId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.collections(agentId) }),
  });
}

export function useConversations(agentId: string) {
  return useQuery({
    queryKey: queryKeys.conversations(agentId),
    queryFn: () => listConversations({ agentId }),
    refetchInterval: pollMs,
  });
}

export function useMessages(agentId: string, conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.messages(agentId, conversationId ?? ""),
    queryFn: () => getConversationMessages({ agentId, conversationId: conversationId ?? "" }),
    enabled: conversationId !== null,
    refetchInterval: pollMs,
  });
}
