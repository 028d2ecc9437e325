import "server-only";

import { setTimeout as sleep } from "node:timers/promises";

import Database from "better-sqlite3";

import { createGroupCommit, type CommitOutcome } from "@/lib/db/group-commit";
import { sqliteDate } from "@/lib/db/sqlite-date";
import { maxAttemptsOf } from "@/lib/workflows/workflow-definition";

import {
  WebhookGoneError,
  type AcceptRequest,
  type AcceptResult,
  type IngestStore,
  type RejectionRequest,
} from "./ingest-store";
import { toIngestWebhook } from "./ingest-webhook";
import { isWithinWindow, writeThrough, type IngestWrite, type IngestWriteResult } from "./ingest-write";
import { prepareIngestStatements, type ExistingRow } from "./sqlite-ingest-statements";

/**
 * Writes grouped in one transaction. SQLite commits in-process, so a batch saves each commit's
 * own work (taking the writer lock, appending the commit to the WAL); past a few hundred items a
 * batch would only hold the writer lock longer.
 */
const MAX_BATCH_ITEMS = 256;

const errorCode = (error: unknown) => (error as { code?: string }).code;

/**
 * Retries a batch that found the database locked (BEGIN IMMEDIATE failed, so nothing of it ran).
 * The connection's busy timeout is 0 on purpose: better-sqlite3 waits synchronously, and blocking
 * the event loop here would also stall the Prisma transaction holding the lock. Waiting
 * asynchronously lets it finish.
 */
async function withBusyRetry<T>(write: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (errorCode(error) !== "SQLITE_BUSY" || attempt >= 200) throw error;
      await sleep(Math.min(2 + attempt, 25));
    }
  }
}

export function createSqliteIngestStore(filePath: string): IngestStore {
  const db = new Database(filePath, { timeout: 0 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");

  const {
    findWebhook,
    findByIdempotencyKey,
    findByReplayHash,
    countDuplicate,
    releaseIdempotencyKey,
    releaseReplayHash,
    insertDelivery,
    insertExecution,
    trimRejected,
  } = prepareIngestStatements(db);

  // Runs inside the batch's transaction, after the earlier items of the batch: their keys and
  // hashes are already in the table, so a repeat within one batch is found like any other.
  const accept = (opts: AcceptRequest): AcceptResult => {
    const { delivery, execution } = opts;
    const withinWindow = (row: ExistingRow) =>
      isWithinWindow({
        now: delivery.receivedAt,
        earlier: new Date(row.receivedAt),
        windowMs: opts.idempotencyWindowMs,
      });
    const duplicateOf = (row: ExistingRow): AcceptResult => {
      countDuplicate.run(row.deliveryId);
      return {
        kind: "duplicate",
        deliveryId: row.deliveryId,
        executionId: row.executionId ?? "",
        executionStatus: row.executionStatus ?? "unknown",
      };
    };
    if (delivery.idempotencyKey) {
      const existing = findByIdempotencyKey.get(delivery.body, delivery.webhookId, delivery.idempotencyKey);
      if (existing && withinWindow(existing))
        return existing.sameBody === 1
          ? duplicateOf(existing)
          : { kind: "idempotency_key_reused", deliveryId: existing.deliveryId };
      if (existing) releaseIdempotencyKey.run(existing.deliveryId);
    }
    if (delivery.replayHash) {
      const replayed = findByReplayHash.get(delivery.webhookId, delivery.replayHash);
      if (replayed && withinWindow(replayed)) return duplicateOf(replayed);
      if (replayed) releaseReplayHash.run(replayed.deliveryId);
    }
    const receivedAt = sqliteDate(delivery.receivedAt);
    insertDelivery.run({
      ...delivery,
      receivedAt,
      outcome: "accepted",
      errorCode: null,
      errorMessage: null,
      bodyTruncated: delivery.bodyTruncated ? 1 : 0,
    });
    insertExecution.run({
      ...execution,
      webhookId: delivery.webhookId,
      deliveryId: delivery.id,
      createdAt: receivedAt,
    });
    return { kind: "accepted", deliveryId: delivery.id, executionId: execution.id, executionStatus: "queued" };
  };

  const reject = ({ delivery }: RejectionRequest) => {
    insertDelivery.run({
      ...delivery,
      receivedAt: sqliteDate(delivery.receivedAt),
      outcome: "rejected",
      verifiedWith: null,
      signedForm: null,
      idempotencyKey: null,
      replayHash: null,
      bodyTruncated: delivery.bodyTruncated ? 1 : 0,
    });
  };

  const write = (item: IngestWrite): IngestWriteResult => {
    if (item.kind === "accept") return accept(item);
    reject(item);
    return null;
  };
  // One trim per webhook after the batch's rejections, each keeping the newest `keep` rows.
  const trimAfter = (items: IngestWrite[]) => {
    const keepByWebhook = new Map<string, number>();
    for (const item of items) if (item.kind === "reject") keepByWebhook.set(item.delivery.webhookId, item.keep);
    for (const [webhookId, keep] of keepByWebhook) trimRejected.run(webhookId, keep);
  };
  // Called inside the batch's transaction, better-sqlite3 runs this as a SAVEPOINT: an item that
  // fails rolls back its own rows only (e.g. its delivery when its execution's insert failed).
  const writeGuarded = db.transaction(write);

  const writeBatch = db.transaction((items: IngestWrite[]): CommitOutcome<IngestWriteResult>[] => {
    const outcomes = items.map((item) => {
      try {
        return writeGuarded(item);
      } catch (error) {
        // The webhook was deleted since it was looked up: that item fails, the others stand.
        if (errorCode(error) === "SQLITE_CONSTRAINT_FOREIGNKEY") return new WebhookGoneError();
        // Anything else rolls the whole batch back: every item is answered 503, none half-stored.
        throw error;
      }
    });
    trimAfter(items);
    return outcomes;
  });
  // A lone item (an idle moment) needs no savepoint: the transaction's rollback is its own.
  const writeLone = db.transaction((item: IngestWrite) => {
    const outcome = write(item);
    trimAfter([item]);
    return outcome;
  });

  const commit = (items: IngestWrite[]): CommitOutcome<IngestWriteResult>[] => {
    if (items.length > 1) return writeBatch.immediate(items);
    try {
      return [writeLone.immediate(items[0])];
    } catch (error) {
      if (errorCode(error) === "SQLITE_CONSTRAINT_FOREIGNKEY") return [new WebhookGoneError()];
      throw error;
    }
  };
  const writer = createGroupCommit<IngestWrite, IngestWriteResult>({
    commit: (items) => withBusyRetry(() => commit(items)),
    maxItems: MAX_BATCH_ITEMS,
  });

  return {
    async findWebhook(id) {
      const row = findWebhook.get(id);
      if (!row) return null;
      const { definition, ...webhook } = row;
      return toIngestWebhook({
        ...webhook,
        maxAttempts: maxAttemptsOf(definition),
        enabled: row.enabled === 1,
        replayProtection: row.replayProtection === 1,
        previousKeyExpiresAt: row.previousKeyExpiresAt ? new Date(row.previousKeyExpiresAt) : null,
      });
    },
    ...writeThrough(writer),
    async close() {
      await writer.close();
      db.close();
    },
  };
}
