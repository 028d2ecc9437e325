import "server-only";

import type { Db } from "@/lib/db";

import { LostLeaseError } from "./lease";

/** Records a run's final status, only while this worker still holds it (one conditional statement, no transaction). */
export async function finishExecution(opts: {
  db: Db;
  executionId: string;
  workerId: string;
  status: "succeeded" | "failed";
  error?: string | null;
  stoppedAtStepId?: string | null;
}): Promise<"succeeded" | "failed"> {
  const { count } = await opts.db.execution.updateMany({
    where: { id: opts.executionId, leaseOwner: opts.workerId, status: "running" },
    data: {
      status: opts.status,
      finishedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
      error: opts.error ?? null,
      stoppedAtStepId: opts.stoppedAtStepId ?? null,
    },
  });
  if (count === 0) throw new LostLeaseError(opts.executionId);
  return opts.status;
}

/**
 * Gives a run back to the queue at once, e.g. on shutdown. The interrupted attempt is not
 * counted, since the run did not fail.
 */
export async function releaseExecution(opts: { db: Db; executionId: string; workerId: string }): Promise<void> {
  await opts.db.execution.updateMany({
    where: { id: opts.executionId, leaseOwner: opts.workerId, status: "running" },
    data: { status: "queued", runAt: new Date(), leaseOwner: null, leaseExpiresAt: null, attempt: { decrement: 1 } },
  });
}
