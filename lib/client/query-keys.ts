// One place for React Query keys, so mutations invalidate exactly what they change.
export const queryKeys = {
  agents: ["agents"] as const,
  agent: (agentId: string) => ["agents", agentId] as const,
  workflows: (agentId: string) => ["agents", agentId, "workflows"] as const,
};
