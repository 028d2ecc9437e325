import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { createId } from "@/lib/ids";

import { assertAgentWorkflow } from "./find-agent-webhook";
import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import type { WebhookDto } from "./webhook-dto";
import { createWebhookInput, toEndpointColumns } from "./webhook-input";

/** Creates a webhook without a key; the builder generates one next (Generate Private Key). */
export async function createWebhook(opts: {
  db: Db;
  agentId: string;
  input: unknown;
  baseUrl: string;
}): Promise<WebhookDto> {
  const input = createWebhookInput.parse(opts.input);
  const agent = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", opts.agentId);
  await assertAgentWorkflow({ db: opts.db, agentId: agent.id, workflowId: input.workflowId });
  const row = await opts.db.webhook.create({
    data: {
      id: createId("wh"),
      agentId: agent.id,
      workflowId: input.workflowId,
      name: input.name,
      ...toEndpointColumns(input),
    },
    include: webhookDtoInclude,
  });
  return toWebhookDto(row, opts.baseUrl);
}
