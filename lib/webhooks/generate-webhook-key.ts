import "server-only";

import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";

import { buildKeyFile } from "./build-key-file";
import { findAgentWebhook } from "./find-agent-webhook";
import { generatePrivateKey } from "./private-key";
import { toSignatureScheme } from "./signature-scheme";
import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import { invalidateCachedWebhook } from "./webhook-cache";
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
  invalidateCachedWebhook(opts.webhookId);
  const row = await opts.db.webhook.findUniqueOrThrow({ where: { id: opts.webhookId }, include: webhookDtoInclude });
  const webhook = toWebhookDto(row, opts.baseUrl);
  return {
    webhook,
    keyFile: buildKeyFile({
      webhookId: row.id,
      name: row.name,
      endpoint: webhook.endpoint,
      privateKey,
      scheme,
      createdAt: keyCreatedAt,
    }),
  };
}
