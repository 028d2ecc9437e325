import type { AcceptedDelivery, AcceptResult, QueuedExecution, RejectedDelivery } from "./ingest-store";
import { isWithinWindow, type IngestWrite, type IngestWriteResult } from "./ingest-write";

// Pure: decides, for a batch of writes and the stored deliveries holding their idempotency keys
// and replay hashes, what each item answers and which rows to write, so the PostgreSQL store
// sends a fixed number of statements per batch instead of a few per item. Items are decided in
// order, each seeing the earlier items of its batch as if they were stored already: the same
// answers as writing them one by one (and as the SQLite store, which does exactly that).

/** A stored delivery found holding one of the batch's keys (`matched: "key"`) or hashes. */
export type EarlierDelivery = {
  matched: "key" | "hash";
  id: string;
  webhookId: string;
  idempotencyKey: string | null;
  replayHash: string | null;
  receivedAt: Date;
  /** Read for key matches only: a key reused with another body is refused. */
  body: string | null;
  executionId: string | null;
  executionStatus: string | null;
};

export type DeliveryRow = Omit<AcceptedDelivery, "verifiedWith" | "signedForm"> & {
  outcome: "accepted" | "rejected";
  errorCode: string | null;
  errorMessage: string | null;
  verifiedWith: AcceptedDelivery["verifiedWith"] | null;
  signedForm: AcceptedDelivery["signedForm"] | null;
  duplicateCount: number;
};

export type ExecutionRow = QueuedExecution & { webhookId: string; deliveryId: string; createdAt: Date };

export type IngestBatchPlan = {
  outcomes: IngestWriteResult[];
  /** Keys and hashes held past the window by stored deliveries: set to null before the inserts. */
  releasedKeys: { id: string; value: string }[];
  releasedHashes: { id: string; value: string }[];
  deliveries: DeliveryRow[];
  executions: ExecutionRow[];
  /** Stored deliveries answered as duplicates, with how many times. */
  duplicateCounts: Map<string, number>;
  /** Webhooks that got rejected rows, with how many of their newest to keep. */
  trims: Map<string, number>;
};

type Lookup = { webhookId: string; value: string };

const slot = (webhookId: string, value: string) => `${webhookId}\u0000${value}`;

/** The distinct (webhook, key) and (webhook, hash) pairs the batch's accepts carry, to look up. */
export function lookupsOf(items: IngestWrite[]): { keys: Lookup[]; hashes: Lookup[] } {
  const keys = new Map<string, Lookup>();
  const hashes = new Map<string, Lookup>();
  for (const item of items) {
    if (item.kind !== "accept") continue;
    const { webhookId, idempotencyKey, replayHash } = item.delivery;
    if (idempotencyKey) keys.set(slot(webhookId, idempotencyKey), { webhookId, value: idempotencyKey });
    if (replayHash) hashes.set(slot(webhookId, replayHash), { webhookId, value: replayHash });
  }
  return { keys: [...keys.values()], hashes: [...hashes.values()] };
}

/** Whoever holds a key or hash now: a stored delivery, or an earlier item of this batch. */
type Holder = { stored: EarlierDelivery } | { row: DeliveryRow; execution: ExecutionRow };

function rejectedRow(delivery: RejectedDelivery): DeliveryRow {
  return {
    ...delivery,
    outcome: "rejected",
    verifiedWith: null,
    signedForm: null,
    idempotencyKey: null,
    replayHash: null,
    duplicateCount: 0,
  };
}

export function planIngestBatch(opts: { items: IngestWrite[]; earlier: EarlierDelivery[] }): IngestBatchPlan {
  const plan: IngestBatchPlan = {
    outcomes: [],
    releasedKeys: [],
    releasedHashes: [],
    deliveries: [],
    executions: [],
    duplicateCounts: new Map(),
    trims: new Map(),
  };
  const byKey = new Map<string, Holder>();
  const byHash = new Map<string, Holder>();
  for (const stored of opts.earlier) {
    const value = stored.matched === "key" ? stored.idempotencyKey : stored.replayHash;
    if (value) (stored.matched === "key" ? byKey : byHash).set(slot(stored.webhookId, value), { stored });
  }

  const duplicateOf = (holder: Holder): AcceptResult => {
    if ("row" in holder) {
      holder.row.duplicateCount += 1;
      return {
        kind: "duplicate",
        deliveryId: holder.row.id,
        executionId: holder.execution.id,
        executionStatus: "queued",
      };
    }
    const { stored } = holder;
    plan.duplicateCounts.set(stored.id, (plan.duplicateCounts.get(stored.id) ?? 0) + 1);
    return {
      kind: "duplicate",
      deliveryId: stored.id,
      executionId: stored.executionId ?? "",
      executionStatus: stored.executionStatus ?? "unknown",
    };
  };
  const receivedAtOf = (holder: Holder) => ("row" in holder ? holder.row.receivedAt : holder.stored.receivedAt);
  const bodyOf = (holder: Holder) => ("row" in holder ? holder.row.body : holder.stored.body);
  const idOf = (holder: Holder) => ("row" in holder ? holder.row.id : holder.stored.id);

  const accept = (item: Extract<IngestWrite, { kind: "accept" }>): AcceptResult => {
    const { delivery, execution, idempotencyWindowMs: windowMs } = item;
    const withinWindow = (holder: Holder) =>
      isWithinWindow({ now: delivery.receivedAt, earlier: receivedAtOf(holder), windowMs });
    const keySlot = delivery.idempotencyKey ? slot(delivery.webhookId, delivery.idempotencyKey) : null;
    const hashSlot = delivery.replayHash ? slot(delivery.webhookId, delivery.replayHash) : null;

    const keyHolder = keySlot ? byKey.get(keySlot) : undefined;
    if (keySlot && keyHolder) {
      if (withinWindow(keyHolder))
        return bodyOf(keyHolder) === delivery.body
          ? duplicateOf(keyHolder)
          : { kind: "idempotency_key_reused", deliveryId: idOf(keyHolder) };
      if ("row" in keyHolder) keyHolder.row.idempotencyKey = null;
      else plan.releasedKeys.push({ id: keyHolder.stored.id, value: delivery.idempotencyKey! });
      byKey.delete(keySlot);
    }
    const hashHolder = hashSlot ? byHash.get(hashSlot) : undefined;
    if (hashSlot && hashHolder) {
      if (withinWindow(hashHolder)) return duplicateOf(hashHolder);
      if ("row" in hashHolder) hashHolder.row.replayHash = null;
      else plan.releasedHashes.push({ id: hashHolder.stored.id, value: delivery.replayHash! });
      byHash.delete(hashSlot);
    }

    const row: DeliveryRow = {
      ...delivery,
      outcome: "accepted",
      errorCode: null,
      errorMessage: null,
      duplicateCount: 0,
    };
    const queued: ExecutionRow = {
      ...execution,
      webhookId: delivery.webhookId,
      deliveryId: delivery.id,
      createdAt: delivery.receivedAt,
    };
    plan.deliveries.push(row);
    plan.executions.push(queued);
    if (keySlot) byKey.set(keySlot, { row, execution: queued });
    if (hashSlot) byHash.set(hashSlot, { row, execution: queued });
    return { kind: "accepted", deliveryId: delivery.id, executionId: execution.id, executionStatus: "queued" };
  };

  for (const item of opts.items) {
    if (item.kind === "accept") {
      plan.outcomes.push(accept(item));
      continue;
    }
    plan.deliveries.push(rejectedRow(item.delivery));
    plan.trims.set(item.delivery.webhookId, item.keep);
    plan.outcomes.push(null);
  }
  return plan;
}
