"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { createWebhook, deleteWebhook, getWebhook, listWebhooks, updateWebhook } from "@/lib/client/api/webhooks";
import { queryKeys } from "@/lib/client/query-keys";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/webhooks/webhook-input";

export function useWebhooks(agentId: string) {
  return useQuery({ queryKey: queryKeys.webhooks(agentId), queryFn: () => listWebhooks({ agentId }) });
}

export function useWebhook(agentId: string, webhookId: string) {
  return useQuery({
    queryKey: queryKeys.webhook(agentId, webhookId),
    queryFn: () => getWebhook({ agentId, webhookId }),
  });
}

/** After a change to one webhook: store the answer for its page and refresh the list it appears in. */
export function useStoreWebhook(agentId: string) {
  const queryClient = useQueryClient();
  return (webhook: WebhookDto) => {
    queryClient.setQueryData(queryKeys.webhook(agentId, webhook.id), webhook);
    return queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(agentId), exact: true });
  };
}

export function useCreateWebhook(agentId: string) {
  const store = useStoreWebhook(agentId);
  return useMutation({
    mutationFn: (input: CreateWebhookInput) => createWebhook({ agentId, input }),
    onSuccess: store,
  });
}

export function useUpdateWebhook(agentId: string, webhookId: string) {
  const store = useStoreWebhook(agentId);
  return useMutation({
    mutationFn: (input: UpdateWebhookInput) => updateWebhook({ agentId, webhookId, input }),
    onSuccess: store,
  });
}

export function useDeleteWebhook(agentId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteWebhook({ agentId, webhookId }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.webhook(agentId, webhookId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(agentId), exact: true });
    },
  });
}
