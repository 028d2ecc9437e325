// Paths of the app's pages (links, not API calls), with every id encoded once here.
const agentPagePath = (agentId: string, suffix: string) => `/agents/${encodeURIComponent(agentId)}${suffix}`;

export function triggersPagePath(agentId: string, webhookId?: string): string {
  return agentPagePath(agentId, webhookId ? `/triggers/${encodeURIComponent(webhookId)}` : "/triggers");
}

/** The webhook's page with one delivery of its log opened. */
export function deliveryPagePath(agentId: string, webhookId: string, deliveryId: string): string {
  return `${triggersPagePath(agentId, webhookId)}?delivery=${encodeURIComponent(deliveryId)}`;
}

export function workflowsPagePath(agentId: string): string {
  return agentPagePath(agentId, "/workflows");
}

export function workflowEditorPath(agentId: string, workflowId: string, templateId?: string): string {
  const path = agentPagePath(agentId, `/workflows/${encodeURIComponent(workflowId)}`);
  return templateId ? `${path}?template=${encodeURIComponent(templateId)}` : path;
}

/** The Runs tab (its URL keeps the API's word). */
export function runsPagePath(agentId: string): string {
  return agentPagePath(agentId, "/executions");
}

export function runPagePath(agentId: string, executionId: string): string {
  return agentPagePath(agentId, `/executions/${encodeURIComponent(executionId)}`);
}

/** The signed-in user's API tokens. */
export const tokensPagePath = "/tokens";
