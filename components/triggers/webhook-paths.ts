// API paths of an agent's webhooks, encoded once here rather than at every call.
export function webhooksPath(agentId: string): string {
  return `/api/agents/${encodeURIComponent(agentId)}/webhooks`;
}

export function webhookPath(agentId: string, webhookId: string, suffix = ""): string {
  return `${webhooksPath(agentId)}/${encodeURIComponent(webhookId)}${suffix}`;
}

export function triggersPagePath(agentId: string, webhookId?: string): string {
  const base = `/agents/${encodeURIComponent(agentId)}/triggers`;
  return webhookId ? `${base}/${encodeURIComponent(webhookId)}` : base;
}
