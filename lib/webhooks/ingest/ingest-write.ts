import type { GroupCommit } from "@/lib/db/group-commit";

import type { AcceptRequest, AcceptResult, IngestStore, RejectionRequest } from "./ingest-store";

// Pure: the one kind of item both stores group-commit, so accepts and rejections that arrive
// together share a transaction.
export type IngestWrite = ({ kind: "accept" } & AcceptRequest) | ({ kind: "reject" } & RejectionRequest);

/** An accept answers with its result; a rejection with null. */
export type IngestWriteResult = AcceptResult | null;

export type IngestWriter = GroupCommit<IngestWrite, IngestWriteResult>;

/** Whether a delivery received at `earlier` still holds its idempotency key or replay hash at `now`. */
export function isWithinWindow(opts: { now: Date; earlier: Date; windowMs: number }): boolean {
  return opts.now.getTime() - opts.earlier.getTime() < opts.windowMs;
}

/** The store's write methods, each submitting to the group commit. */
export function writeThrough(writer: IngestWriter): Pick<IngestStore, "acceptDelivery" | "recordRejection"> {
  return {
    async acceptDelivery(opts) {
      const result = await writer.submit({ kind: "accept", ...opts });
      if (!result) throw new Error("The store answered an accept without its result");
      return result;
    },
    async recordRejection(opts) {
      await writer.submit({ kind: "reject", ...opts });
    },
  };
}
