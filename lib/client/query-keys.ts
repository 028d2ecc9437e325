import type { DeliveryOutcome } from "@/lib/deliveries/delivery-dto";

export type ExecutionFilters = { status: string | null; workflowId: string | null; trigger: string | null };

// One place for React Query keys, so mutations invalidate exactly what they change.
export const queryKeys = {
  agents: ["agents"] as const,
  agent: (agentId: string) => ["agents", agentId] as const,
  workflows: (agentId: string) => ["agents", agentId, "workflows"] as const,
  workflow: (agentId: string, workflowId: string) => ["agents", agentId, "workflows", workflowId] as const,
  webhooks: (agentId: string) => ["agents", agentId, "webhooks"] as const,
  webhook: (agentId: string, webhookId: string) => ["agents", agentId, "webhooks", webhookId] as const,
  // Every outcome filter of one webhook's log shares this prefix, so one invalidation refreshes them all.
  deliveries: (agentId: string, webhookId: string) => ["agents", agentId, "webhooks", webhookId, "deliveries"] as const,
  deliveryPages: (agentId: string, webhookId: string, outcome: DeliveryOutcome | null) =>
    ["agents", agentId, "webhooks", webhookId, "deliveries", "pages", outcome ?? "all"] as const,
  delivery: (agentId: string, webhookId: string, deliveryId: string) =>
    ["agents", agentId, "webhooks", webhookId, "deliveries", "detail", deliveryId] as const,
  // Every filter of the Executions list and every run page share this prefix.
  executions: (agentId: string) => ["agents", agentId, "executions"] as const,
  executionPages: (agentId: string, filters: ExecutionFilters) =>
    [
      "agents",
      agentId,
      "executions",
      "pages",
      filters.status ?? "all",
      filters.workflowId ?? "all",
      filters.trigger ?? "all",
    ] as const,
  execution: (agentId: string, executionId: string) =>
    ["agents", agentId, "executions", "detail", executionId] as const,
  collections: (agentId: string) => ["agents", agentId, "records"] as const,
  recordPages: (agentId: string, collection: string) => ["agents", agentId, "records", "pages", collection] as const,
  conversations: (agentId: string) => ["agents", agentId, "conversations"] as const,
  messages: (agentId: string, conversationId: string) =>
    ["agents", agentId, "conversations", conversationId, "messages"] as const,
  agentSettings: (agentId: string) => ["agents", agentId, "settings"] as const,
  setupStatus: ["setup"] as const,
  currentUser: ["auth", "me"] as const,
  users: ["users"] as const,
  apiTokens: ["tokens"] as const,
  auditPages: ["audit", "pages"] as const,
};
