import "server-only";

import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";

import { assertAgentWorkflow, findAgentWebhook } from "./find-agent-webhook";
import { invalidateCachedWebhook } from "./ingest/webhook-cache";
import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import type { WebhookDto } from "./webhook-dto";
import { toEndpointColumns, updateWebhookInput } from "./webhook-input";

const schemeChangeNeedsNewKey = () =>
  new DomainError({
    code: "scheme_change_requires_new_key",
    field: "signatureScheme",
    message:
      "This webhook's key belongs to its current signature scheme: use Rotate Key with the new scheme to switch (senders need the new key file)",
  });

/**
 * Renames, re-targets (another workflow of the same agent), disables or enables a webhook, and
 * changes its signature scheme, rate limit or IP allow-list. The scheme changes here only while
 * the webhook has no key: a key is issued for one scheme, so switching a keyed webhook is a
 * rotation (rotateWebhookKey with `signatureScheme`), which hands out the new key file.
 */
export async function updateWebhook(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  input: unknown;
  baseUrl: string;
}): Promise<WebhookDto> {
  const input = updateWebhookInput.parse(opts.input);
  const existing = await findAgentWebhook(opts);
  if (input.workflowId) await assertAgentWorkflow({ db: opts.db, agentId: opts.agentId, workflowId: input.workflowId });
  const changesScheme = input.signatureScheme !== undefined && input.signatureScheme !== existing.signatureScheme;
  if (changesScheme && existing.keyCiphertext !== null) throw schemeChangeNeedsNewKey();
  const { name, workflowId, enabled } = input;
  // Conditional on still having no key, so a key generated meanwhile cannot end up under the other scheme.
  const { count } = await opts.db.webhook.updateMany({
    where: { id: opts.webhookId, ...(changesScheme ? { keyCiphertext: null } : {}) },
    data: { name, workflowId, enabled, ...toEndpointColumns(input) },
  });
  if (count === 0 && changesScheme) throw schemeChangeNeedsNewKey();
  invalidateCachedWebhook(opts.webhookId);
  const row = await opts.db.webhook.findUniqueOrThrow({ where: { id: opts.webhookId }, include: webhookDtoInclude });
  return toWebhookDto(row, opts.baseUrl);
}
