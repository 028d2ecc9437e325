"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { DeliveryDto, DeliveryOutcome, DeliveryPage } from "@/lib/deliveries/delivery-dto";

import { webhookPath } from "./webhook-paths";

const pageSize = 25;
// New deliveries show up without a reload; polling is simple and cheap at this rate.
const pollMs = 3_000;

export function useDeliveries(opts: { agentId: string; webhookId: string; outcome: DeliveryOutcome | null }) {
  const { agentId, webhookId, outcome } = opts;
  return useInfiniteQuery({
    queryKey: queryKeys.deliveryPages(agentId, webhookId, outcome),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (outcome) params.set("outcome", outcome);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<DeliveryPage>(webhookPath(agentId, webhookId, `/deliveries?${params}`));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: pollMs,
  });
}

export function useDelivery(opts: { agentId: string; webhookId: string; deliveryId: string }) {
  const { agentId, webhookId, deliveryId } = opts;
  return useQuery({
    queryKey: queryKeys.delivery(agentId, webhookId, deliveryId),
    queryFn: async () =>
      (
        await apiFetch<{ delivery: DeliveryDto }>(
          webhookPath(agentId, webhookId, `/deliveries/${encodeURIComponent(deliveryId)}`),
        )
      ).delivery,
    // A delivery never changes once recorded, except its execution's status.
    staleTime: 30_000,
  });
}
