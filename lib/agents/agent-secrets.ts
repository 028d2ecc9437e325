import "server-only";

import { getMasterKey } from "@/lib/crypto/master-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

// An agent's secrets are sealed under the master key and bound to the agent and their purpose
// by the associated data: a ciphertext copied to another agent, or from the LLM key column to
// the outbound secret column, fails to decrypt instead of being used there.

/** A stored secret that does not decrypt: another master key, or a ciphertext moved between rows. */
export class SecretUnreadableError extends Error {}

function open(sealed: string, associatedData: string, what: string): string {
  const masterKey = getMasterKey();
  try {
    return decryptSecret({ masterKey, sealed, associatedData });
  } catch (error) {
    throw new SecretUnreadableError(`The ${what} cannot be decrypted with this server's master key`, { cause: error });
  }
}

const llmKeyData = (agentId: string) => `agent-llm-key:${agentId}`;
const outboundSecretData = (agentId: string) => `agent-outbound-secret:${agentId}`;

export function sealAgentLlmKey(opts: { agentId: string; apiKey: string }): string {
  return encryptSecret({ masterKey: getMasterKey(), plaintext: opts.apiKey, associatedData: llmKeyData(opts.agentId) });
}

export function openAgentLlmKey(opts: { agentId: string; sealed: string }): string {
  return open(opts.sealed, llmKeyData(opts.agentId), "agent's LLM API key");
}

export function sealAgentOutboundSecret(opts: { agentId: string; secret: string }): string {
  return encryptSecret({
    masterKey: getMasterKey(),
    plaintext: opts.secret,
    associatedData: outboundSecretData(opts.agentId),
  });
}

export function openAgentOutboundSecret(opts: { agentId: string; sealed: string }): string {
  return open(opts.sealed, outboundSecretData(opts.agentId), "agent's outbound signing secret");
}
