import "server-only";

import type { Db } from "@/lib/db";

import { findAgentWebhook } from "./find-agent-webhook";
import { toWebhookDto } from "./to-webhook-dto";
import type { WebhookDto } from "./webhook-dto";

export async function getWebhook(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  baseUrl: string;
}): Promise<WebhookDto> {
  return toWebhookDto(await findAgentWebhook(opts), opts.baseUrl);
}
