import "server-only";
import type { Db } from "@/lib/db";
import type { WebhookDto } from "./webhook-dto";
import { updateWebhookInput } from "./webhook-input";
import { assertAgentWorkflow, findAgentWebhook } from "./find-agent-webhook";
import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import { invalidateCachedWebhook } from "./webhook-cache";

/** Renames, re-targets (another workflow of the same agent), disables or enables a webhook. */
export async function updateWebhook(opts: { db: Db; agentId: string; webhookId: string; input: unknown; baseUrl: string }): Promise<WebhookDto> {
  const input = updateWebhookInput.parse(opts.input);
  await findAgentWebhook(opts);
  if (input.workflowId) await assertAgentWorkflow({ db: opts.db, agentId: opts.agentId, workflowId: input.workflowId });
  const row = await opts.db.webhook.update({ where: { id: opts.webhookId }, data: input, include: webhookDtoInclude });
  invalidateCachedWebhook(opts.webhookId);
  return toWebhookDto(row, opts.baseUrl);
}
