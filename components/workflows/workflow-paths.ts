// Paths of the workflow pages and API, encoded once here rather than at every call.
export function workflowEditorPath(agentId: string, workflowId: string, templateId?: string): string {
  const path = `/agents/${encodeURIComponent(agentId)}/workflows/${encodeURIComponent(workflowId)}`;
  return templateId ? `${path}?template=${encodeURIComponent(templateId)}` : path;
}

export function workflowsPagePath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/workflows`;
}

export function workflowApiPath(workflowId: string, suffix = ""): string {
  return `/api/workflows/${encodeURIComponent(workflowId)}${suffix}`;
}
