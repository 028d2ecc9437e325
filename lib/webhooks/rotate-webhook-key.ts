import "server-only";

import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";

import { findAgentWebhook } from "./find-agent-webhook";
import { issuedKey } from "./issued-key";
import { generatePrivateKey } from "./signing/private-key";
import { toSignatureScheme } from "./signing/signature-scheme";
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
  return issuedKey({
    db: opts.db,
    webhookId: opts.webhookId,
    baseUrl: opts.baseUrl,
    privateKey,
    scheme,
    createdAt: now,
  });
}
