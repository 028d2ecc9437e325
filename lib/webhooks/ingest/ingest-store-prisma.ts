import "server-only";

import type { Db } from "@/lib/db";
import { maxAttemptsOf } from "@/lib/workflows/workflow-definition";

import { WebhookGoneError, type AcceptResult, type IngestStore } from "./ingest-store";
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

/** The ingest store on Prisma (used for PostgreSQL). The unique (webhookId, idempotencyKey) index settles races between instances. */
export function createPrismaIngestStore(db: Db): IngestStore {
  async function findDuplicate(
    webhookId: string,
    idempotencyKey: string,
    receivedAt: Date,
    windowMs: number,
  ): Promise<AcceptResult | { staleId: string } | null> {
    const existing = await db.delivery.findUnique({
      where: { webhookId_idempotencyKey: { webhookId, idempotencyKey } },
      select: { id: true, receivedAt: true, execution: { select: { id: true, status: true } } },
    });
    if (!existing) return null;
    if (receivedAt.getTime() - existing.receivedAt.getTime() >= windowMs) return { staleId: existing.id };
    await db.delivery.update({ where: { id: existing.id }, data: { duplicateCount: { increment: 1 } } });
    return {
      deliveryId: existing.id,
      executionId: existing.execution?.id ?? "",
      executionStatus: existing.execution?.status ?? "unknown",
      duplicate: true,
    };
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
      const key = delivery.idempotencyKey;
      if (key) {
        const found = await findDuplicate(delivery.webhookId, key, delivery.receivedAt, idempotencyWindowMs);
        if (found && "deliveryId" in found) return found;
        if (found)
          await db.delivery.updateMany({
            where: { id: found.staleId, idempotencyKey: key },
            data: { idempotencyKey: null },
          });
      }
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
        // A concurrent request with the same key won the insert: answer with its ids.
        if (!key || !isUniqueViolation(error)) throw error;
        const winner = await findDuplicate(delivery.webhookId, key, delivery.receivedAt, idempotencyWindowMs);
        if (winner && "deliveryId" in winner) return winner;
        throw error;
      }
      return { deliveryId: delivery.id, executionId: execution.id, executionStatus: "queued", duplicate: false };
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
  };
}
