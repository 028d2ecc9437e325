"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { replayDelivery } from "@/lib/client/api/deliveries";
import { queryKeys } from "@/lib/client/query-keys";

/** Replay: a new run of the webhook's workflow from the delivery's stored body. */
export function useReplayDelivery(opts: { agentId: string; webhookId: string; deliveryId: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => replayDelivery(opts),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.executions(opts.agentId) }),
  });
}
