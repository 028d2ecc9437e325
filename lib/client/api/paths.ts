// API paths, with every id encoded once here rather than at each call.
export function agentApiPath(agentId: string, suffix = ""): string {
  return `/api/agents/${encodeURIComponent(agentId)}${suffix}`;
}

export function webhookApiPath(opts: { agentId: string; webhookId: string }, suffix = ""): string {
  return agentApiPath(opts.agentId, `/webhooks/${encodeURIComponent(opts.webhookId)}${suffix}`);
}

export function workflowApiPath(workflowId: string, suffix = ""): string {
  return `/api/workflows/${encodeURIComponent(workflowId)}${suffix}`;
}

/** `?a=1&b=2` from the parameters that are set, or "" when none is. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
