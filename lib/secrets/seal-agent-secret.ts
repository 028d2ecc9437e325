import "server-only";

import { SecretUnreadableError } from "@/lib/agents/agent-secrets";
import { getMasterKey } from "@/lib/crypto/master-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

// Sealed under the master key and bound to the agent and the name by the associated data: a
// ciphertext copied to another agent or renamed in the table fails to decrypt instead of being
// sent where a different secret was meant.
const associatedData = (agentId: string, name: string) => `agent-secret:${agentId}:${name}`;

export function sealAgentSecret(opts: { agentId: string; name: string; value: string }): string {
  return encryptSecret({
    masterKey: getMasterKey(),
    plaintext: opts.value,
    associatedData: associatedData(opts.agentId, opts.name),
  });
}

export function openAgentSecret(opts: { agentId: string; name: string; sealed: string }): string {
  try {
    return decryptSecret({
      masterKey: getMasterKey(),
      sealed: opts.sealed,
      associatedData: associatedData(opts.agentId, opts.name),
    });
  } catch (error) {
    throw new SecretUnreadableError(
      `The secret ${opts.name} cannot be decrypted with this server's master key: set it again in the agent's Settings tab`,
      { cause: error },
    );
  }
}
