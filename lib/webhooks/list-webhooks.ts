import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { toWebhookDto, webhookDtoInclude } from "./to-webhook-dto";
import type { WebhookDto } from "./webhook-dto";

export async function listWebhooks(opts: { db: Db; agentId: string; baseUrl: string }): Promise<WebhookDto[]> {
  const agent = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { webhooks: { include: webhookDtoInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }] } },
  });
  if (!agent) throw notFound("Agent", opts.agentId);
  return agent.webhooks.map((row) => toWebhookDto(row, opts.baseUrl));
}
