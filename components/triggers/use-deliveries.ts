"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { getDelivery, listDeliveries } from "@/lib/client/api/deliveries";
import { queryKeys } from "@/lib/client/query-keys";
import type { DeliveryOutcome } from "@/lib/deliveries/delivery-dto";

const pageSize = 25;
// New deliveries show up without a reload; polling is simple and cheap at this rate.
const pollMs = 3_000;

export function useDeliveries(opts: { agentId: string; webhookId: string; outcome: DeliveryOutcome | null }) {
  const { agentId, webhookId, outcome } = opts;
  return useInfiniteQuery({
    queryKey: queryKeys.deliveryPages(agentId, webhookId, outcome),
    queryFn: ({ pageParam }) => listDeliveries({ ...opts, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: pollMs,
  });
}

export function useDelivery(opts: { agentId: string; webhookId: string; deliveryId: string }) {
  const { agentId, webhookId, deliveryId } = opts;
  return useQuery({
    queryKey: queryKeys.delivery(agentId, webhookId, deliveryId),
    queryFn: () => getDelivery(opts),
    // A delivery never changes once recorded, except its execution's status.
    staleTime: 30_000,
  });
}
