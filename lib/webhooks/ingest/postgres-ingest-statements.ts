import type { QueryConfig } from "pg";

import { postgresTimestamp } from "@/lib/db/postgres-date";

import type { IngestBatchPlan } from "./plan-ingest-batch";

// Pure: the PostgreSQL ingest store's statements. Each is named, so pg prepares it once per
// connection, and takes whole columns as arrays (unnest), so its text and plan do not depend on
// how many items a batch has.

export type WebhookRow = {
  id: string;
  agentId: string;
  workflowId: string;
  workflowVersion: number;
  definition: string;
  enabled: boolean;
  signatureScheme: string;
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
  ipAllowList: string | null;
  replayProtection: boolean;
  keyCiphertext: string | null;
  previousKeyCiphertext: string | null;
  previousKeyExpiresAt: Date | null;
};

export function findWebhookStatement(id: string): QueryConfig<[string]> {
  return {
    name: "ingest_find_webhook",
    text: `SELECT w.id, w."agentId", w."workflowId", f.version AS "workflowVersion", f.definition, w.enabled,
                  w."signatureScheme", w."rateLimitPerSecond", w."rateLimitBurst", w."ipAllowList", w."replayProtection",
                  w."keyCiphertext", w."previousKeyCiphertext", w."previousKeyExpiresAt"
           FROM "Webhook" w JOIN "Workflow" f ON f.id = w."workflowId" WHERE w.id = $1`,
    values: [id],
  };
}

type Lookup = { webhookId: string; value: string };

/** The stored deliveries holding any of these keys or hashes (each unique per webhook). */
export function findEarlierStatement(opts: { keys: Lookup[]; hashes: Lookup[] }): QueryConfig {
  const columns = `d.id, d."webhookId", d."idempotencyKey", d."replayHash", d."receivedAt",
                   e.id AS "executionId", e.status AS "executionStatus"`;
  return {
    name: "ingest_find_earlier",
    text: `SELECT 'key' AS matched, d.body, ${columns}
           FROM unnest($1::text[], $2::text[]) AS k("webhookId", value)
           JOIN "Delivery" d ON d."webhookId" = k."webhookId" AND d."idempotencyKey" = k.value
           LEFT JOIN "Execution" e ON e."deliveryId" = d.id
           UNION ALL
           SELECT 'hash' AS matched, NULL AS body, ${columns}
           FROM unnest($3::text[], $4::text[]) AS h("webhookId", value)
           JOIN "Delivery" d ON d."webhookId" = h."webhookId" AND d."replayHash" = h.value
           LEFT JOIN "Execution" e ON e."deliveryId" = d.id`,
    values: [
      opts.keys.map((key) => key.webhookId),
      opts.keys.map((key) => key.value),
      opts.hashes.map((hash) => hash.webhookId),
      opts.hashes.map((hash) => hash.value),
    ],
  };
}

/** Sets a key or hash held past the window to null, unless another instance did already. */
export function releaseStatement(
  column: "idempotencyKey" | "replayHash",
  released: IngestBatchPlan["releasedKeys"],
): QueryConfig {
  return {
    name: `ingest_release_${column}`,
    text: `UPDATE "Delivery" d SET "${column}" = NULL FROM unnest($1::text[], $2::text[]) AS r(id, value)
           WHERE d.id = r.id AND d."${column}" = r.value`,
    values: [released.map((row) => row.id), released.map((row) => row.value)],
  };
}

/**
 * One statement, so one atomic write without BEGIN/COMMIT: the batch's deliveries, their queued
 * executions, and the duplicate counts of stored deliveries. The executions' foreign key to their
 * deliveries is checked at the end of the statement, after the deliveries' insert.
 */
export function insertBatchStatement(plan: IngestBatchPlan): QueryConfig {
  const { deliveries: d, executions: e } = plan;
  const counted = [...plan.duplicateCounts];
  return {
    name: "ingest_insert_batch",
    text: `WITH counted AS (
             UPDATE "Delivery" d SET "duplicateCount" = d."duplicateCount" + c.n
             FROM unnest($1::text[], $2::int[]) AS c(id, n) WHERE d.id = c.id
           ), delivered AS (
             INSERT INTO "Delivery" (id, "webhookId", "receivedAt", outcome, "httpStatus", "errorCode", "errorMessage",
                                     "verifiedWith", "signedForm", headers, body, "bodyBytes", "bodyTruncated", "sourceIp",
                                     "idempotencyKey", "replayHash", "duplicateCount")
             SELECT * FROM unnest($3::text[], $4::text[], $5::timestamp(3)[], $6::text[], $7::int[], $8::text[], $9::text[],
                                  $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::boolean[], $16::text[],
                                  $17::text[], $18::text[], $19::int[])
           )
           INSERT INTO "Execution" (id, "agentId", "workflowId", "workflowVersion", "webhookId", "deliveryId", trigger,
                                    status, attempt, "maxAttempts", "runAt", "createdAt")
           SELECT id, "agentId", "workflowId", "workflowVersion", "webhookId", "deliveryId", 'webhook', 'queued', 0,
                  "maxAttempts", "createdAt", "createdAt"
           FROM unnest($20::text[], $21::text[], $22::text[], $23::int[], $24::text[], $25::text[], $26::int[],
                       $27::timestamp(3)[])
             AS e(id, "agentId", "workflowId", "workflowVersion", "webhookId", "deliveryId", "maxAttempts", "createdAt")`,
    values: [
      counted.map(([id]) => id),
      counted.map(([, n]) => n),
      d.map((row) => row.id),
      d.map((row) => row.webhookId),
      d.map((row) => postgresTimestamp(row.receivedAt)),
      d.map((row) => row.outcome),
      d.map((row) => row.httpStatus),
      d.map((row) => row.errorCode),
      d.map((row) => row.errorMessage),
      d.map((row) => row.verifiedWith),
      d.map((row) => row.signedForm),
      d.map((row) => row.headers),
      d.map((row) => row.body),
      d.map((row) => row.bodyBytes),
      d.map((row) => row.bodyTruncated),
      d.map((row) => row.sourceIp),
      d.map((row) => row.idempotencyKey),
      d.map((row) => row.replayHash),
      d.map((row) => row.duplicateCount),
      e.map((row) => row.id),
      e.map((row) => row.agentId),
      e.map((row) => row.workflowId),
      e.map((row) => row.workflowVersion),
      e.map((row) => row.webhookId),
      e.map((row) => row.deliveryId),
      e.map((row) => row.maxAttempts),
      e.map((row) => postgresTimestamp(row.createdAt)),
    ],
  };
}

/** Keeps each webhook's newest `keep` rejected deliveries (ids sort by creation time). */
export function trimRejectedStatement(trims: Map<string, number>): QueryConfig {
  const entries = [...trims];
  return {
    name: "ingest_trim_rejected",
    text: `DELETE FROM "Delivery" WHERE id IN (
             SELECT ranked.id FROM unnest($1::text[], $2::int[]) AS t("webhookId", keep)
             CROSS JOIN LATERAL (
               SELECT d.id FROM "Delivery" d WHERE d."webhookId" = t."webhookId" AND d.outcome = 'rejected'
               ORDER BY d.id DESC OFFSET t.keep
             ) AS ranked)`,
    values: [entries.map(([webhookId]) => webhookId), entries.map(([, keep]) => keep)],
  };
}
