// The agents API, typed: paths and answers in one place for the hooks.
import type { AgentDto } from "@/lib/agents/agent-dto";
import type { CreateAgentInput, UpdateAgentInput } from "@/lib/agents/agent-input";
import type { AgentSettingsDto } from "@/lib/agents/agent-settings-dto";

import { apiFetch } from "../api-client";
import { agentApiPath } from "./paths";

/** null clears a setting; an omitted one is kept (the API key is never sent back, so it is usually omitted). */
export type AgentSettingsPatch = { llmBaseUrl?: string | null; llmModel?: string | null; llmApiKey?: string | null };

export async function listAgents(): Promise<AgentDto[]> {
  return (await apiFetch<{ agents: AgentDto[] }>("/api/agents")).agents;
}

export async function getAgent(opts: { agentId: string }): Promise<AgentDto> {
  return (await apiFetch<{ agent: AgentDto }>(agentApiPath(opts.agentId))).agent;
}

export async function createAgent(opts: { input: CreateAgentInput }): Promise<AgentDto> {
  return (await apiFetch<{ agent: AgentDto }>("/api/agents", { method: "POST", body: opts.input })).agent;
}

export async function updateAgent(opts: { agentId: string; input: UpdateAgentInput }): Promise<AgentDto> {
  return (await apiFetch<{ agent: AgentDto }>(agentApiPath(opts.agentId), { method: "PATCH", body: opts.input })).agent;
}

export function deleteAgent(opts: { agentId: string }): Promise<void> {
  return apiFetch<void>(agentApiPath(opts.agentId), { method: "DELETE" });
}

export async function getAgentSettings(opts: { agentId: string }): Promise<AgentSettingsDto> {
  return (await apiFetch<{ settings: AgentSettingsDto }>(agentApiPath(opts.agentId, "/settings"))).settings;
}

export async function updateAgentSettings(opts: {
  agentId: string;
  patch: AgentSettingsPatch;
}): Promise<AgentSettingsDto> {
  const path = agentApiPath(opts.agentId, "/settings");
  return (await apiFetch<{ settings: AgentSettingsDto }>(path, { method: "PATCH", body: opts.patch })).settings;
}
