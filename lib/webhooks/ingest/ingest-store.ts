import type { IngestWebhook } from "./ingest-webhook";

// What the ingestion hot path needs from the database. Two implementations on the raw drivers,
// better-sqlite3 and pg (the ORM's per-query cost would dominate), both group-committing writes:
// requests that arrive together are stored in one transaction (see lib/db/group-commit.ts).

export type DeliveryRecord = {
  id: string;
  webhookId: string;
  receivedAt: Date;
  httpStatus: number;
  headers: string;
  body: string;
  bodyBytes: number;
  bodyTruncated: boolean;
  sourceIp: string | null;
};

export type AcceptedDelivery = DeliveryRecord & {
  verifiedWith: "current" | "previous";
  signedForm: "raw" | "canonical";
  idempotencyKey: string | null;
  /** Set when the webhook has replay protection on (x-signature): a hash of the signature and the raw body. */
  replayHash: string | null;
};

export type QueuedExecution = {
  id: string;
  agentId: string;
  workflowId: string;
  workflowVersion: number;
  maxAttempts: number;
};

export type RejectedDelivery = DeliveryRecord & { errorCode: string; errorMessage: string };

/**
 * "duplicate": an earlier delivery (same idempotency key and body, or same replay hash) answered
 * instead. "idempotency_key_reused": the key was accepted within the window with another body.
 */
export type AcceptResult =
  | { kind: "accepted" | "duplicate"; deliveryId: string; executionId: string; executionStatus: string }
  | { kind: "idempotency_key_reused"; deliveryId: string };

export type AcceptRequest = {
  delivery: AcceptedDelivery;
  execution: QueuedExecution;
  idempotencyWindowMs: number;
};

export type RejectionRequest = { delivery: RejectedDelivery; keep: number };

export type IngestStore = {
  /** The webhook, decoded (see toIngestWebhook), or null when there is none with this id. */
  findWebhook(id: string): Promise<IngestWebhook | null>;
  /**
   * Stores the delivery and its queued execution in one transaction, or finds the first delivery
   * with the same idempotency key, or else the same replay hash, within the window.
   */
  acceptDelivery(opts: AcceptRequest): Promise<AcceptResult>;
  /** Stores a rejected request and trims the webhook's rejected records to the newest `keep`. */
  recordRejection(opts: RejectionRequest): Promise<void>;
  /** Settles the writes already submitted, then releases the connection(s). */
  close(): Promise<void>;
};

/** Thrown by a store when the webhook was deleted after it was looked up (e.g. on another instance). */
export class WebhookGoneError extends Error {
  constructor() {
    super("The webhook was deleted");
  }
}
