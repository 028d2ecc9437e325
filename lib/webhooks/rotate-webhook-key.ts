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
import { rotateKeyInput } from "./webhook-input";
import { sealWebhookKey } from "./webhook-key-crypto";

/**
 * Rotate Key: a new current key; the old one keeps verifying for `graceHours` (0 ends it at once)
 * so senders can switch without dropped requests. With another `signatureScheme`, the webhook
 * switches to it with a key of that scheme, and the old key ends at once: it cannot sign the new
 * scheme's requests.
 */
export async function rotateWebhookKey(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  input: unknown;
  baseUrl: string;
}): Promise<{ webhook: WebhookDto; keyFile: WebhookKeyFile }> {
  const input = rotateKeyInput.parse(opts.input ?? {});
  const existing = await findAgentWebhook(opts);
  if (!existing.keyCiphertext)
    throw new DomainError({
      code: "no_key",
      message: "This webhook has no private key yet; use Generate Private Key",
    });
  const scheme = input.signatureScheme ?? toSignatureScheme(existing.signatureScheme);
  const graceHours = scheme === existing.signatureScheme ? input.graceHours : 0;
  const privateKey = generatePrivateKey(scheme);
  const now = new Date();
  // Conditional on the key we read, so two concurrent rotations cannot drop a key silently.
  const { count } = await opts.db.webhook.updateMany({
    where: { id: opts.webhookId, keyCiphertext: existing.keyCiphertext },
    data: {
      signatureScheme: scheme,
      keyCiphertext: sealWebhookKey(opts.webhookId, privateKey),
      keyCreatedAt: now,
      previousKeyCiphertext: graceHours > 0 ? existing.keyCiphertext : null,
      previousKeyExpiresAt: graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000) : null,
    },
  });
  if (count === 0)
    throw new DomainError({
      code: "key_changed",
      message: "The key was changed by someone else just now; reload and try again",
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
      createdAt: now,
    }),
  };
}
