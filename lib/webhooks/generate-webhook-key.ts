import "server-only";

import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";

import { findAgentWebhook } from "./find-agent-webhook";
import { issuedKey } from "./issued-key";
import { generatePrivateKey } from "./signing/private-key";
import { toSignatureScheme } from "./signing/signature-scheme";
import type { WebhookDto, WebhookKeyFile } from "./webhook-dto";
import { sealWebhookKey } from "./webhook-key-crypto";

/** Generate Private Key: the webhook's first key. Replacing a key is a rotation, with a grace period. */
export async function generateWebhookKey(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  baseUrl: string;
}): Promise<{ webhook: WebhookDto; keyFile: WebhookKeyFile }> {
  const existing = await findAgentWebhook(opts);
  const scheme = toSignatureScheme(existing.signatureScheme);
  const privateKey = generatePrivateKey(scheme);
  const keyCreatedAt = new Date();
  // The keyCiphertext: null condition makes two concurrent clicks create one key, not two; the
  // scheme condition keeps the key of the scheme it was made for.
  const { count } = await opts.db.webhook.updateMany({
    where: { id: opts.webhookId, keyCiphertext: null, signatureScheme: scheme },
    data: { keyCiphertext: sealWebhookKey(opts.webhookId, privateKey), keyCreatedAt },
  });
  if (count === 0)
    throw new DomainError({
      code: "key_exists",
      message: "This webhook already has a private key; use Rotate Key to replace it",
    });
  return issuedKey({
    db: opts.db,
    webhookId: opts.webhookId,
    baseUrl: opts.baseUrl,
    privateKey,
    scheme,
    createdAt: keyCreatedAt,
  });
}
