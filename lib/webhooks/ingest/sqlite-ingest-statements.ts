import "server-only";

import type Database from "better-sqlite3";

import type { WebhookColumns } from "./ingest-webhook";

// The SQLite ingest store's statements, prepared once per connection. Dates are ISO text with an
// offset (see sqlite-date.ts), booleans 0/1, as Prisma's SQLite adapter stores them.

export type WebhookRow = Omit<
  WebhookColumns,
  "enabled" | "replayProtection" | "previousKeyExpiresAt" | "maxAttempts"
> & {
  enabled: number;
  replayProtection: number;
  previousKeyExpiresAt: string | null;
  definition: string;
};
export type ExistingRow = {
  deliveryId: string;
  receivedAt: string;
  executionId: string | null;
  executionStatus: string | null;
};
type KeyedRow = ExistingRow & { sameBody: number };

export function prepareIngestStatements(db: Database.Database) {
  return {
    findWebhook: db.prepare<[string], WebhookRow>(
      `SELECT w.id, w.agentId, w.workflowId, f.version AS workflowVersion, f.definition, w.enabled, w.signatureScheme, w.rateLimitPerSecond, w.rateLimitBurst, w.ipAllowList,
              w.replayProtection, w.keyCiphertext, w.previousKeyCiphertext, w.previousKeyExpiresAt
       FROM "Webhook" w JOIN "Workflow" f ON f.id = w.workflowId WHERE w.id = ?`,
    ),
    findByIdempotencyKey: db.prepare<[string, string, string], KeyedRow>(
      `SELECT d.id AS deliveryId, d.receivedAt, d.body = ? AS sameBody, e.id AS executionId, e.status AS executionStatus
       FROM "Delivery" d LEFT JOIN "Execution" e ON e.deliveryId = d.id WHERE d.webhookId = ? AND d.idempotencyKey = ?`,
    ),
    findByReplayHash: db.prepare<[string, string], ExistingRow>(
      `SELECT d.id AS deliveryId, d.receivedAt, e.id AS executionId, e.status AS executionStatus
       FROM "Delivery" d LEFT JOIN "Execution" e ON e.deliveryId = d.id WHERE d.webhookId = ? AND d.replayHash = ?`,
    ),
    countDuplicate: db.prepare(`UPDATE "Delivery" SET duplicateCount = duplicateCount + 1 WHERE id = ?`),
    releaseIdempotencyKey: db.prepare(`UPDATE "Delivery" SET idempotencyKey = NULL WHERE id = ?`),
    releaseReplayHash: db.prepare(`UPDATE "Delivery" SET replayHash = NULL WHERE id = ?`),
    insertDelivery: db.prepare(
      `INSERT INTO "Delivery" (id, webhookId, receivedAt, outcome, httpStatus, errorCode, errorMessage, verifiedWith, signedForm, headers, body, bodyBytes, bodyTruncated, sourceIp, idempotencyKey, replayHash, duplicateCount)
       VALUES (@id, @webhookId, @receivedAt, @outcome, @httpStatus, @errorCode, @errorMessage, @verifiedWith, @signedForm, @headers, @body, @bodyBytes, @bodyTruncated, @sourceIp, @idempotencyKey, @replayHash, 0)`,
    ),
    insertExecution: db.prepare(
      `INSERT INTO "Execution" (id, agentId, workflowId, workflowVersion, webhookId, deliveryId, trigger, status, attempt, maxAttempts, runAt, createdAt)
       VALUES (@id, @agentId, @workflowId, @workflowVersion, @webhookId, @deliveryId, 'webhook', 'queued', 0, @maxAttempts, @createdAt, @createdAt)`,
    ),
    trimRejected: db.prepare(
      `DELETE FROM "Delivery" WHERE id IN (
         SELECT id FROM "Delivery" WHERE webhookId = ? AND outcome = 'rejected' ORDER BY id DESC LIMIT -1 OFFSET ?)`,
    ),
  };
}
