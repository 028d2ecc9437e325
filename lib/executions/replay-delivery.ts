import "server-only";

import type { Db } from "@/lib/db";
import { DomainError, notFound } from "@/lib/errors/domain-error";
import { parseStoredJson } from "@/lib/json/parse-untrusted-json";
import { findAgentWebhook } from "@/lib/webhooks/find-agent-webhook";

import type { ExecutionSummaryDto } from "./execution-dto";
import { queueExecution } from "./queue-execution";

/** Replay: a new run of the webhook's current workflow from an accepted delivery's stored body and headers. */
export async function replayDelivery(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  deliveryId: string;
}): Promise<ExecutionSummaryDto> {
  const webhook = await findAgentWebhook(opts);
  const delivery = await opts.db.delivery.findUnique({
    where: { id: opts.deliveryId },
    include: { execution: { select: { id: true } } },
  });
  if (!delivery || delivery.webhookId !== webhook.id) throw notFound("Delivery", opts.deliveryId);
  if (delivery.outcome !== "accepted") {
    throw new DomainError({
      code: "not_replayable",
      message: "Only accepted deliveries can be replayed: this one was rejected and its body is not trusted",
    });
  }
  const workflow = await opts.db.workflow.findUniqueOrThrow({ where: { id: webhook.workflowId } });
  return queueExecution({
    db: opts.db,
    workflow,
    trigger: "replay",
    webhookId: webhook.id,
    replayOfId: delivery.execution?.id ?? null,
    input: {
      body: parseStoredJson(delivery.body, "webhook body"),
      headers: parseStoredJson(delivery.headers, "stored headers") as Record<string, string>,
      receivedAt: delivery.receivedAt.toISOString(),
      webhookId: webhook.id,
    },
  });
}
