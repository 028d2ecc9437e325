import "server-only";

import type { Db } from "@/lib/db";

import { buildKeyFile } from "./build-key-file";
import { invalidateCachedWebhook } from "./ingest/webhook-cache";
import type { SignatureScheme } from "./signing/signature-scheme";
import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import type { WebhookDto, WebhookKeyFile } from "./webhook-dto";

/**
 * After a new key was stored (generated or rotated): the hot path drops its cached keys at once,
 * and the builder gets the webhook and the key file, the only time the key is shown.
 */
export async function issuedKey(opts: {
  db: Db;
  webhookId: string;
  baseUrl: string;
  privateKey: string;
  scheme: SignatureScheme;
  createdAt: Date;
}): Promise<{ webhook: WebhookDto; keyFile: WebhookKeyFile }> {
  invalidateCachedWebhook(opts.webhookId);
  const row = await opts.db.webhook.findUniqueOrThrow({ where: { id: opts.webhookId }, include: webhookDtoInclude });
  const webhook = toWebhookDto(row, opts.baseUrl);
  return {
    webhook,
    keyFile: buildKeyFile({
      webhookId: row.id,
      name: row.name,
      endpoint: webhook.endpoint,
      privateKey: opts.privateKey,
      scheme: opts.scheme,
      createdAt: opts.createdAt,
    }),
  };
}
