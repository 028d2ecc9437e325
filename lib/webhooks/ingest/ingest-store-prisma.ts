import "server-only";

import type { Db } from "@/lib/db";
import { maxAttemptsOf } from "@/lib/workflows/workflow-definition";

import { WebhookGoneError, type AcceptedDelivery, type AcceptResult, type IngestStore } from "./ingest-store";
import { toIngestWebhook } from "./ingest-webhook";

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** A foreign key failure on insert means the webhook was deleted since it was looked up. */
async function orGone<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === "P2003") throw new WebhookGoneError();
    throw error;
  }
}

type Existing = { id: string; receivedAt: Date; body: string; execution: { id: string; status: string } | null };
const existingSelect = {
  id: true,
  receivedAt: true,
  body: true,
  execution: { select: { id: true, status: true } },
} as const;

/**
 * The ingest store on Prisma (used for PostgreSQL). The unique (webhookId, idempotencyKey) and
 * (webhookId, replayHash) indexes settle races between instances.
 */
export function createPrismaIngestStore(db: Db): IngestStore {
  async function duplicateOf(existing: Existing): Promise<AcceptResult> {
    await db.delivery.update({ where: { id: existing.id }, data: { duplicateCount: { increment: 1 } } });
    return {
      kind: "duplicate",
      deliveryId: existing.id,
      executionId: existing.execution?.id ?? "",
      executionStatus: existing.execution?.status ?? "unknown",
    };
  }

  /** The earlier delivery's answer, or null after releasing the key and hash of one past the window. */
  async function findEarlier(delivery: AcceptedDelivery, windowMs: number): Promise<AcceptResult | null> {
    const { webhookId, idempotencyKey, replayHash } = delivery;
    const withinWindow = (existing: Existing) =>
      delivery.receivedAt.getTime() - existing.receivedAt.getTime() < windowMs;
    if (idempotencyKey) {
      const existing = await db.delivery.findUnique({
        where: { webhookId_idempotencyKey: { webhookId, idempotencyKey } },
        select: existingSelect,
      });
      if (existing && withinWindow(existing))
        return existing.body === delivery.body
          ? duplicateOf(existing)
          : { kind: "idempotency_key_reused", deliveryId: existing.id };
      if (existing)
        await db.delivery.updateMany({ where: { id: existing.id, idempotencyKey }, data: { idempotencyKey: null } });
    }
    if (replayHash) {
      const existing = await db.delivery.findUnique({
        where: { webhookId_replayHash: { webhookId, replayHash } },
        select: existingSelect,
      });
      if (existing && withinWindow(existing)) return duplicateOf(existing);
      if (existing)
        await db.delivery.updateMany({ where: { id: existing.id, replayHash }, data: { replayHash: null } });
    }
    return null;
  }

  return {
    async findWebhook(id) {
      const row = await db.webhook.findUnique({
        where: { id },
        select: {
          id: true,
          agentId: true,
          workflowId: true,
          enabled: true,
          signatureScheme: true,
          rateLimitPerSecond: true,
          rateLimitBurst: true,
          ipAllowList: true,
          replayProtection: true,
          keyCiphertext: true,
          previousKeyCiphertext: true,
          previousKeyExpiresAt: true,
          workflow: { select: { version: true, definition: true } },
        },
      });
      if (!row) return null;
      const { workflow, ...webhook } = row;
      return toIngestWebhook({
        ...webhook,
        workflowVersion: workflow.version,
        maxAttempts: maxAttemptsOf(workflow.definition),
      });
    },

    async acceptDelivery({ delivery, execution, idempotencyWindowMs }) {
      const earlier = await findEarlier(delivery, idempotencyWindowMs);
      if (earlier) return earlier;
      try {
        await orGone(
          db.$transaction([
            db.delivery.create({ data: { ...delivery, outcome: "accepted" } }),
            db.execution.create({
              data: {
                ...execution,
                webhookId: delivery.webhookId,
                deliveryId: delivery.id,
                trigger: "webhook",
                status: "queued",
                runAt: delivery.receivedAt,
                createdAt: delivery.receivedAt,
              },
            }),
          ]),
        );
      } catch (error) {
        // A concurrent request with the same key or hash won the insert: answer with its ids.
        if (!(delivery.idempotencyKey || delivery.replayHash) || !isUniqueViolation(error)) throw error;
        const winner = await findEarlier(delivery, idempotencyWindowMs);
        if (winner) return winner;
        throw error;
      }
      return { kind: "accepted", deliveryId: delivery.id, executionId: execution.id, executionStatus: "queued" };
    },

    async recordRejection({ delivery, keep }) {
      await orGone(db.delivery.create({ data: { ...delivery, outcome: "rejected" } }));
      const beyondCap = await db.delivery.findMany({
        where: { webhookId: delivery.webhookId, outcome: "rejected" },
        orderBy: { id: "desc" },
        skip: keep,
        select: { id: true },
      });
      if (beyondCap.length > 0) await db.delivery.deleteMany({ where: { id: { in: beyondCap.map((row) => row.id) } } });
    },
    // The Prisma client is the app's, closed with it.
    close: async () => undefined,
  };
}
