import "server-only";

import type { RawSql } from "@/lib/db/sql-script";
import { extendExecutionLease } from "@/lib/executions/execution-state";

/** This worker no longer owns the run (its lease expired and another worker took it). */
export class LostLeaseError extends Error {
  constructor(executionId: string) {
    super(`Lost the lease on execution ${executionId}`);
  }
}

/** Extends this worker's lease on a running run; false once another worker has taken it over. */
export function renewLease(opts: {
  sql: RawSql;
  executionId: string;
  workerId: string;
  leaseMs: number;
}): Promise<boolean> {
  return opts.sql.transaction(() => extendExecutionLease(opts));
}
