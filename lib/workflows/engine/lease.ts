import "server-only";

import type { Db, Tx } from "@/lib/db";

/** This worker no longer owns the run (its lease expired and another worker took it). */
export class LostLeaseError extends Error {
  constructor(executionId: string) {
    super(`Lost the lease on execution ${executionId}`);
  }
}

/**
 * Runs `write` in a transaction only while this worker still holds the run's lease, extending
 * it. Every write of a run goes through here, so a worker whose lease was taken over can never
 * record a step or an outcome for a run another worker is now executing.
 */
export async function writeUnderLease<T>(opts: {
  db: Db;
  executionId: string;
  workerId: string;
  leaseMs: number;
  write: (tx: Tx) => Promise<T>;
}): Promise<T> {
  return opts.db.$transaction(async (tx) => {
    const { count } = await tx.execution.updateMany({
      where: { id: opts.executionId, leaseOwner: opts.workerId, status: "running" },
      data: { leaseExpiresAt: new Date(Date.now() + opts.leaseMs) },
    });
    if (count === 0) throw new LostLeaseError(opts.executionId);
    return opts.write(tx);
  });
}

export async function renewLease(opts: {
  db: Db;
  executionId: string;
  workerId: string;
  leaseMs: number;
}): Promise<boolean> {
  const { count } = await opts.db.execution.updateMany({
    where: { id: opts.executionId, leaseOwner: opts.workerId, status: "running" },
    data: { leaseExpiresAt: new Date(Date.now() + opts.leaseMs) },
  });
  return count > 0;
}
