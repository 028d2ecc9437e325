"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/webhooks/webhook-input";

import { webhookPath, webhooksPath } from "./webhook-paths";

export function useWebhooks(agentId: string) {
  return useQuery({
    queryKey: queryKeys.webhooks(agentId),
    queryFn: async () => (await apiFetch<{ webhooks: WebhookDto[] }>(webhooksPath(agentId))).webhooks,
  });
}

export function useWebhook(agentId: string, webhookId: string) {
  return useQuery({
    queryKey: queryKeys.webhook(agentId, webhookId),
    queryFn: async () => (await apiFetch<{ webhook: WebhookDto }>(webhookPath(agentId, webhookId))).webhook,
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
    mutationFn: async (input: CreateWebhookInput) =>
      (await apiFetch<{ webhook: WebhookDto }>(webhooksPath(agentId), { method: "POST", body: input })).webhook,
    onSuccess: store,
  });
}

export function useUpdateWebhook(agentId: string, webhookId: string) {
  const store = useStoreWebhook(agentId);
  return useMutation({
    mutationFn: async (input: UpdateWebhookInput) =>
      (await apiFetch<{ webhook: WebhookDto }>(webhookPath(agentId, webhookId), { method: "PATCH", body: input }))
        .webhook,
    onSuccess: store,
  });
}

export function useDeleteWebhook(agentId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(webhookPath(agentId, webhookId), { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.webhook(agentId, webhookId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.webhooks(agentId), exact: true });
    },
  });
}
