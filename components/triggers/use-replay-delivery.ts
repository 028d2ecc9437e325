"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { ExecutionSummaryDto } from "@/lib/executions/execution-dto";

import { webhookPath } from "./webhook-paths";

/** Replay: a new run of the webhook's workflow from the delivery's stored body. */
export function useReplayDelivery(opts: { agentId: string; webhookId: string; deliveryId: string }) {
  const { agentId, webhookId, deliveryId } = opts;
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (
        await apiFetch<{ execution: ExecutionSummaryDto }>(
          webhookPath(agentId, webhookId, `/deliveries/${encodeURIComponent(deliveryId)}/replay`),
          { method: "POST" },
        )
      ).execution,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions(agentId) }),
  });
}
