import "server-only";

import { randomBytes } from "node:crypto";

import type { Db } from "@/lib/db";

import { openAgentOutboundSecret, sealAgentOutboundSecret } from "./agent-secrets";

/** A new outbound signing secret: 256 random bits, prefixed so a leaked one is recognisable. */
export function generateOutboundSecret(): string {
  return `aos_${randomBytes(32).toString("base64url")}`;
}

/**
 * The secret that signs the agent's outbound notifications (x-signature, HMAC-SHA256 like
 * incoming webhooks), created and stored sealed on first use. Concurrent first uses agree:
 * only the write that finds the column still empty lands, and the others read its secret.
 */
export async function getOutboundSecret(opts: { db: Db; agentId: string }): Promise<string> {
  const agent = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { outboundSecretCiphertext: true },
  });
  if (!agent) throw new Error(`Agent ${opts.agentId} not found`);
  if (agent.outboundSecretCiphertext)
    return openAgentOutboundSecret({ agentId: opts.agentId, sealed: agent.outboundSecretCiphertext });
  const secret = generateOutboundSecret();
  const sealed = sealAgentOutboundSecret({ agentId: opts.agentId, secret });
  const { count } = await opts.db.agent.updateMany({
    where: { id: opts.agentId, outboundSecretCiphertext: null },
    data: { outboundSecretCiphertext: sealed },
  });
  return count === 1 ? secret : getOutboundSecret(opts);
}
