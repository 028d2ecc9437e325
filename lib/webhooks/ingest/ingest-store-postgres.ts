import "server-only";

import pg from "pg";

import { createGroupCommit, type CommitOutcome } from "@/lib/db/group-commit";
import { parsePostgresTimestamp } from "@/lib/db/postgres-date";
import { maxAttemptsOf } from "@/lib/workflows/workflow-definition";

import { WebhookGoneError, type IngestStore } from "./ingest-store";
import { toIngestWebhook } from "./ingest-webhook";
import { writeThrough, type IngestWrite, type IngestWriteResult } from "./ingest-write";
import { lookupsOf, planIngestBatch, type EarlierDelivery, type IngestBatchPlan } from "./plan-ingest-batch";
import {
  findEarlierStatement,
  findWebhookStatement,
  insertBatchStatement,
  releaseStatement,
  trimRejectedStatement,
  type WebhookRow,
} from "./postgres-ingest-statements";

/** Items per transaction: enough to carry a burst, few enough to keep each statement's arrays small. */
const MAX_BATCH_ITEMS = 256;
/** One connection writes (one commit in flight); the others serve webhook look-ups meanwhile. */
const POOL_SIZE = 4;
/** Times a batch is decided again after another instance stored one of its keys or hashes first. */
const MAX_CONFLICT_RETRIES = 5;
const UNIQUE_VIOLATION = "23505";
const FOREIGN_KEY_VIOLATION = "23503";

// `timestamp` columns hold UTC (see postgres-date.ts); pg would read them as local time.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP && format !== "binary"
      ? parsePostgresTimestamp
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const sqlState = (error: unknown) => (error instanceof pg.DatabaseError ? error.code : undefined);

async function inTransaction(client: pg.PoolClient, run: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await run();
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/**
 * Decides the batch from one look-up of its keys and hashes (planIngestBatch), then writes it:
 * the common batch in a single statement (one round trip, atomic on its own); with keys or hashes
 * to release past the window, or rejected rows to trim, in one BEGIN … COMMIT.
 */
async function writeBatch(client: pg.PoolClient, items: IngestWrite[]): Promise<IngestWriteResult[]> {
  const lookups = lookupsOf(items);
  const earlier =
    lookups.keys.length + lookups.hashes.length > 0
      ? (await client.query<EarlierDelivery>(findEarlierStatement(lookups))).rows
      : [];
  const plan = planIngestBatch({ items, earlier });
  const inserts = plan.deliveries.length > 0 || plan.duplicateCounts.size > 0;
  if (plan.releasedKeys.length + plan.releasedHashes.length + plan.trims.size === 0) {
    if (inserts) await client.query(insertBatchStatement(plan));
    return plan.outcomes;
  }
  await inTransaction(client, () => writeAll(client, plan));
  return plan.outcomes;
}

async function writeAll(client: pg.PoolClient, plan: IngestBatchPlan): Promise<void> {
  // Released first: the unique indexes would refuse the new holder of a key or hash otherwise.
  if (plan.releasedKeys.length > 0) await client.query(releaseStatement("idempotencyKey", plan.releasedKeys));
  if (plan.releasedHashes.length > 0) await client.query(releaseStatement("replayHash", plan.releasedHashes));
  await client.query(insertBatchStatement(plan));
  if (plan.trims.size > 0) await client.query(trimRejectedStatement(plan.trims));
}

async function commitOn(client: pg.PoolClient, items: IngestWrite[]): Promise<CommitOutcome<IngestWriteResult>[]> {
  const keyed = items.some(
    (item) => item.kind === "accept" && (item.delivery.idempotencyKey !== null || item.delivery.replayHash !== null),
  );
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeBatch(client, items);
    } catch (error) {
      const code = sqlState(error);
      // Another instance committed a delivery with one of these keys or hashes after the look-up
      // (the unique indexes settle the race): looking again finds it, and the batch answers with
      // its ids, as a duplicate or a reused key.
      if (code === UNIQUE_VIOLATION && keyed && attempt < MAX_CONFLICT_RETRIES) continue;
      if (code !== FOREIGN_KEY_VIOLATION) throw error;
      // A webhook was deleted since it was looked up. The failed statement stored nothing, and
      // PostgreSQL does not say which row failed: redo the batch item by item so that only the
      // items of the deleted webhook fail.
      if (items.length === 1) return [new WebhookGoneError()];
      const outcomes: CommitOutcome<IngestWriteResult>[] = [];
      for (const item of items) {
        const [outcome] = await commitOn(client, [item]).catch((failure: unknown) => [
          failure instanceof Error ? failure : new Error(String(failure)),
        ]);
        outcomes.push(outcome);
      }
      return outcomes;
    }
  }
}

/**
 * The ingest store on PostgreSQL, on the raw pg driver with its own small pool (Prisma serves the
 * rest of the app). Writes are group-committed: one look-up and one write per batch, whatever
 * its size. The unique (webhookId, idempotencyKey) and (webhookId, replayHash) indexes settle
 * races between instances.
 */
export function createPostgresIngestStore(url: string): IngestStore {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("[workbench] ingest store connection lost", error));

  const writer = createGroupCommit<IngestWrite, IngestWriteResult>({
    async commit(items) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await commitOn(client, items);
      } catch (error) {
        // A failure that is not the server's answer (a lost connection) retires the connection.
        if (!(error instanceof pg.DatabaseError)) broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    maxItems: MAX_BATCH_ITEMS,
  });

  return {
    async findWebhook(id) {
      const [row] = (await pool.query<WebhookRow>(findWebhookStatement(id))).rows;
      if (!row) return null;
      const { definition, ...webhook } = row;
      return toIngestWebhook({ ...webhook, maxAttempts: maxAttemptsOf(definition) });
    },
    ...writeThrough(writer),
    async close() {
      await writer.close();
      await pool.end();
    },
  };
}
