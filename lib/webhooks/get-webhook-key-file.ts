import "server-only";

import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";

import { buildKeyFile } from "./build-key-file";
import { findAgentWebhook } from "./find-agent-webhook";
import { toSignatureScheme } from "./signing/signature-scheme";
import { buildEndpointUrl } from "./to-webhook-dto";
import type { WebhookKeyFile } from "./webhook-dto";
import { openWebhookKey } from "./webhook-key-crypto";

/** Download Private Key: the current key, decrypted, in the key file format. */
export async function getWebhookKeyFile(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  baseUrl: string;
}): Promise<WebhookKeyFile> {
  const row = await findAgentWebhook(opts);
  if (!row.keyCiphertext || !row.keyCreatedAt) {
    throw new DomainError({
      code: "no_key",
      message: "This webhook has no private key yet; use Generate Private Key",
    });
  }
  return buildKeyFile({
    webhookId: row.id,
    name: row.name,
    endpoint: buildEndpointUrl({ baseUrl: opts.baseUrl, webhookId: row.id }),
    privateKey: openWebhookKey(row.id, row.keyCiphertext),
    scheme: toSignatureScheme(row.signatureScheme),
    createdAt: row.keyCreatedAt,
  });
}
