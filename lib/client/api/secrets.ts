// Browser-side calls for an agent's secrets. Values go one way only: the API never sends them back.
import { apiFetch } from "@/lib/client/api-client";
import type { AgentSecretDto } from "@/lib/secrets/secret-dto";

const secretsPath = (agentId: string) => `/api/agents/${encodeURIComponent(agentId)}/secrets`;
const secretPath = (agentId: string, name: string) => `${secretsPath(agentId)}/${encodeURIComponent(name)}`;

export const secretsQueryKey = (agentId: string) => ["agents", agentId, "secrets"] as const;

export async function listSecrets(agentId: string): Promise<AgentSecretDto[]> {
  return (await apiFetch<{ secrets: AgentSecretDto[] }>(secretsPath(agentId))).secrets;
}

/** Creates the secret or replaces its value. */
export async function putSecret(opts: { agentId: string; name: string; value: string }): Promise<AgentSecretDto> {
  const path = secretPath(opts.agentId, opts.name);
  return (await apiFetch<{ secret: AgentSecretDto }>(path, { method: "PUT", body: { value: opts.value } })).secret;
}

export async function deleteSecret(opts: { agentId: string; name: string }): Promise<void> {
  await apiFetch<void>(secretPath(opts.agentId, opts.name), { method: "DELETE" });
}
