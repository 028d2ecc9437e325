import type { DeliveryOutcome } from "@/lib/deliveries/delivery-dto";

// One place for React Query keys, so mutations invalidate exactly what they change.
export const queryKeys = {
  agents: ["agents"] as const,
  agent: (agentId: string) => ["agents", agentId] as const,
  workflows: (agentId: string) => ["agents", agentId, "workflows"] as const,
  webhooks: (agentId: string) => ["agents", agentId, "webhooks"] as const,
  webhook: (agentId: string, webhookId: string) => ["agents", agentId, "webhooks", webhookId] as const,
  // Every outcome filter of one webhook's log shares this prefix, so one invalidation refreshes them all.
  deliveries: (agentId: string, webhookId: string) => ["agents", agentId, "webhooks", webhookId, "deliveries"] as const,
  deliveryPages: (agentId: string, webhookId: string, outcome: DeliveryOutcome | null) =>
    ["agents", agentId, "webhooks", webhookId, "deliveries", "pages", outcome ?? "all"] as const,
  delivery: (agentId: string, webhookId: string, deliveryId: string) =>
    ["agents", agentId, "webhooks", webhookId, "deliveries", "detail", deliveryId] as const,
};
