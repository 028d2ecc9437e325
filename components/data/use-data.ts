"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { ConversationDto, MessageDto } from "@/lib/conversations/conversation-dto";
import type { CollectionSummaryDto, DataRecordPage } from "@/lib/records/record-dto";

// Workflows write records and messages while the builder watches, so both are polled.
const pollMs = 3_000;
const pageSize = 25;

const agentPath = (agentId: string, suffix: string) => `/api/agents/${encodeURIComponent(agentId)}${suffix}`;

export function useCollections(agentId: string) {
  return useQuery({
    queryKey: queryKeys.collections(agentId),
    queryFn: async () => (await apiFetch<{ collections: CollectionSummaryDto[] }>(agentPath(agentId, "/records"))).collections,
    refetchInterval: pollMs,
  });
}

export function useRecords(agentId: string, collection: string | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.recordPages(agentId, collection ?? ""),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ collection: collection ?? "", limit: String(pageSize) });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<DataRecordPage>(agentPath(agentId, `/records?${params}`));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: collection !== null,
    refetchInterval: pollMs,
  });
}

export function useDeleteRecord(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (recordId: string) => apiFetch<void>(agentPath(agentId, `/records/${encodeURIComponent(recordId)}`), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.collections(agentId) }),
  });
}

export function useConversations(agentId: string) {
  return useQuery({
    queryKey: queryKeys.conversations(agentId),
    queryFn: async () => (await apiFetch<{ conversations: ConversationDto[] }>(agentPath(agentId, "/conversations"))).conversations,
    refetchInterval: pollMs,
  });
}

export function useMessages(agentId: string, conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.messages(agentId, conversationId ?? ""),
    queryFn: () =>
      apiFetch<{ conversation: ConversationDto; messages: MessageDto[] }>(
        agentPath(agentId, `/conversations/${encodeURIComponent(conversationId ?? "")}/messages`),
      ),
    enabled: conversationId !== null,
    refetchInterval: pollMs,
  });
}
