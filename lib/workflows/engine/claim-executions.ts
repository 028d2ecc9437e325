import "server-only";

import type { Db } from "@/lib/db";
import { getRawSql } from "@/lib/db/raw-sql";
import type { SqlProvider } from "@/lib/db/sql-script";
import { claimDueExecutions } from "@/lib/executions/execution-state";

export type Provider = SqlProvider;

/** The database behind `db`, checked against the provider a caller was configured with. */
export function rawSqlFor(opts: { db: Db; provider: Provider }) {
  const sql = getRawSql(opts.db);
  if (sql.provider !== opts.provider)
    throw new Error(`The worker was given a ${sql.provider} client but configured for ${opts.provider}`);
  return sql;
}

/**
 * Claims due runs (claimDueExecutions in lib/executions/execution-state.ts) and returns their
 * ids, for tools and tests that then run one with runExecution. The worker keeps what the claim
 * read instead.
 */
export async function claimExecutions(opts: {
  db: Db;
  provider: Provider;
  workerId: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}): Promise<string[]> {
  const claimed = await claimDueExecutions({ sql: rawSqlFor(opts), ...opts });
  return claimed.map((execution) => execution.id);
}
