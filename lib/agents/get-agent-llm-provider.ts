import "server-only";

import type { Db } from "@/lib/db";

import { openAgentLlmKey } from "./agent-secrets";

export type AgentLlmProvider = { baseUrl: string; model: string | null; apiKey: string | null };

/** The agent's chat-completions provider from its Settings, key decrypted; null when no base URL is set. */
export async function getAgentLlmProvider(opts: { db: Db; agentId: string }): Promise<AgentLlmProvider | null> {
  const agent = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { llmBaseUrl: true, llmModel: true, llmApiKeyCiphertext: true },
  });
  if (!agent?.llmBaseUrl) return null;
  const apiKey = agent.llmApiKeyCiphertext
    ? openAgentLlmKey({ agentId: opts.agentId, sealed: agent.llmApiKeyCiphertext })
    : null;
  return { baseUrl: agent.llmBaseUrl, model: agent.llmModel || null, apiKey };
}
