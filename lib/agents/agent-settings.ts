import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { withoutNul } from "@/lib/validation/text";

import { sealAgentLlmKey } from "./agent-secrets";
import type { AgentSettingsDto } from "./agent-settings-dto";
import { getOutboundSecret } from "./get-outbound-secret";

const optionalText = (max: number) =>
  z.string().trim().max(max).refine(withoutNul, "Must not contain NUL characters").nullable().optional();

export const updateAgentSettingsInput = z.strictObject({
  llmBaseUrl: z
    .url({ protocol: /^https?$/, message: "llmBaseUrl must be an http(s) URL, e.g. https://api.openai.com/v1" })
    .max(2_000)
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  llmModel: optionalText(200),
  /** A new key replaces the stored one; null removes it; omitted keeps it. */
  llmApiKey: optionalText(2_000),
});

/**
 * The agent's settings. For builders (`revealSecret`) the outbound signing secret is created here
 * if it does not exist yet, so they can configure the receiving side before the first Notify step
 * runs; viewers get null instead: they must not see secrets.
 */
export async function getAgentSettings(opts: {
  db: Db;
  agentId: string;
  revealSecret: boolean;
}): Promise<AgentSettingsDto> {
  const row = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { llmBaseUrl: true, llmModel: true, llmApiKeyCiphertext: true },
  });
  if (!row) throw notFound("Agent", opts.agentId);
  return {
    llmBaseUrl: row.llmBaseUrl,
    llmModel: row.llmModel,
    llmApiKeyConfigured: row.llmApiKeyCiphertext !== null,
    outboundSigningSecret: opts.revealSecret ? await getOutboundSecret(opts) : null,
  };
}

/** Sets the agent's LLM provider; the API key is stored encrypted and never returned. */
export async function updateAgentSettings(opts: {
  db: Db;
  agentId: string;
  input: unknown;
}): Promise<AgentSettingsDto> {
  const input = updateAgentSettingsInput.parse(opts.input);
  const data = {
    ...(input.llmBaseUrl !== undefined ? { llmBaseUrl: input.llmBaseUrl?.replace(/\/+$/, "") ?? null } : {}),
    ...(input.llmModel !== undefined ? { llmModel: input.llmModel || null } : {}),
    ...(input.llmApiKey !== undefined
      ? {
          llmApiKeyCiphertext: input.llmApiKey
            ? sealAgentLlmKey({ agentId: opts.agentId, apiKey: input.llmApiKey })
            : null,
        }
      : {}),
  };
  const { count } = await opts.db.agent.updateMany({ where: { id: opts.agentId }, data });
  if (count === 0) throw notFound("Agent", opts.agentId);
  // Only builders may change settings, and they may see the secret.
  return getAgentSettings({ ...opts, revealSecret: true });
}
