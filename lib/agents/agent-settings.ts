import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { withoutNul } from "@/lib/validation/text";

import { sealAgentLlmKey } from "./agent-secrets";
import type { AgentSettingsDto } from "./agent-settings-dto";
import { needsCredentialAgain, originOf } from "./credential-origin";
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

/**
 * Sets the agent's LLM provider; the API key is stored encrypted and never returned. A new base
 * URL on another origin needs the key again in the same request: otherwise a builder who never
 * knew the key could point the agent at their own server and receive it with the next LLM step.
 */
export async function updateAgentSettings(opts: {
  db: Db;
  agentId: string;
  input: unknown;
}): Promise<AgentSettingsDto> {
  const input = updateAgentSettingsInput.parse(opts.input);
  const current = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { llmBaseUrl: true, llmApiKeyCiphertext: true },
  });
  if (!current) throw notFound("Agent", opts.agentId);
  const llmBaseUrl = input.llmBaseUrl === undefined ? undefined : (input.llmBaseUrl?.replace(/\/+$/, "") ?? null);
  if (
    llmBaseUrl !== undefined &&
    input.llmApiKey === undefined &&
    needsCredentialAgain({
      previousUrl: current.llmBaseUrl,
      nextUrl: llmBaseUrl,
      credentialStored: current.llmApiKeyCiphertext !== null,
    })
  ) {
    throw new DomainError({
      code: "credential_required",
      field: "llmApiKey",
      message: `Enter the API key again: the base URL's origin changed (${originOf(current.llmBaseUrl) ?? "none"} to ${originOf(llmBaseUrl)}), and the stored key is only sent to the server it was entered for`,
    });
  }
  const data = {
    ...(llmBaseUrl !== undefined ? { llmBaseUrl } : {}),
    ...(input.llmModel !== undefined ? { llmModel: input.llmModel || null } : {}),
    ...(input.llmApiKey !== undefined
      ? {
          llmApiKeyCiphertext: input.llmApiKey
            ? sealAgentLlmKey({ agentId: opts.agentId, apiKey: input.llmApiKey })
            : null,
        }
      : {}),
  };
  // Conditional on what was checked: a key saved concurrently for the old URL cannot slip past the rule.
  const { count } = await opts.db.agent.updateMany({
    where: { id: opts.agentId, llmBaseUrl: current.llmBaseUrl, llmApiKeyCiphertext: current.llmApiKeyCiphertext },
    data,
  });
  if (count === 0) {
    const exists = await opts.db.agent.count({ where: { id: opts.agentId } });
    if (exists === 0) throw notFound("Agent", opts.agentId);
    throw new DomainError({
      code: "version_conflict",
      message: "The LLM provider was changed by someone else just now; reload the page and save again",
    });
  }
  // Only builders may change settings, and they may see the secret.
  return getAgentSettings({ ...opts, revealSecret: true });
}
