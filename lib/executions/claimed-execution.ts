import "server-only";

import { toDate, type RawSql, type SqlProvider } from "@/lib/db/sql-script";

/** Everything running a claimed execution needs, read with its claim: the run, its delivery, its agent, its stored results. */
export type ClaimedExecution = {
  id: string;
  agentId: string;
  workflowId: string;
  workflowVersion: number;
  attempt: number;
  maxAttempts: number;
  attemptBase: number;
  input: string | null;
  stoppedAtStepId: string | null;
  delivery: { body: string; headers: string; receivedAt: Date; webhookId: string } | null;
  agent: { id: string; name: string };
  /** Output (JSON text) of each step that succeeded in an earlier attempt, by step id. */
  succeededSteps: Map<string, string | null>;
};

export type ClaimedRow = {
  id: string;
  agentId: string;
  agentName: string;
  workflowId: string;
  workflowVersion: number;
  attempt: number;
  maxAttempts: number;
  attemptBase: number;
  input: string | null;
  stoppedAtStepId: string | null;
  deliveryId: string | null;
  deliveryBody: string | null;
  deliveryHeaders: string | null;
  deliveryReceivedAt: string | Date | null;
  deliveryWebhookId: string | null;
  succeededSteps: string;
};

/** A SELECT of ClaimedRow from `source` (the Execution table, or the claim's RETURNING set) aliased `e`. */
export function selectClaimed(opts: { provider: SqlProvider; source: string; where: string }): string {
  const stepOutputs =
    opts.provider === "sqlite"
      ? `(SELECT json_group_array(json_array(s."stepId", s."output")) FROM "StepRun" s WHERE s."executionId" = e."id" AND s."status" = 'succeeded')`
      : `COALESCE((SELECT json_agg(json_build_array(s."stepId", s."output"))::text FROM "StepRun" s WHERE s."executionId" = e."id" AND s."status" = 'succeeded'), '[]')`;
  return `SELECT e."id", e."agentId", a."name" AS "agentName", e."workflowId", e."workflowVersion", e."attempt", e."maxAttempts",
      e."attemptBase", e."input", e."stoppedAtStepId", e."deliveryId", d."body" AS "deliveryBody", d."headers" AS "deliveryHeaders",
      d."receivedAt" AS "deliveryReceivedAt", d."webhookId" AS "deliveryWebhookId", ${stepOutputs} AS "succeededSteps"
    FROM ${opts.source} e JOIN "Agent" a ON a."id" = e."agentId" LEFT JOIN "Delivery" d ON d."id" = e."deliveryId"
    WHERE ${opts.where}`;
}

export function toClaimedExecution(row: ClaimedRow): ClaimedExecution {
  return {
    id: row.id,
    agentId: row.agentId,
    workflowId: row.workflowId,
    workflowVersion: Number(row.workflowVersion),
    attempt: Number(row.attempt),
    maxAttempts: Number(row.maxAttempts),
    attemptBase: Number(row.attemptBase),
    input: row.input,
    stoppedAtStepId: row.stoppedAtStepId,
    delivery:
      row.deliveryId === null
        ? null
        : {
            body: row.deliveryBody ?? "",
            headers: row.deliveryHeaders ?? "{}",
            receivedAt: toDate(row.deliveryReceivedAt),
            webhookId: row.deliveryWebhookId ?? "",
          },
    agent: { id: row.agentId, name: row.agentName },
    succeededSteps: new Map(JSON.parse(row.succeededSteps) as [string, string | null][]),
  };
}

/** The run as its claim returned it, while `workerId` still holds it (else null): for running one claimed run by id. */
export async function findClaimedExecution(opts: {
  sql: RawSql;
  executionId: string;
  workerId: string;
}): Promise<ClaimedExecution | null> {
  const [row] = await opts.sql.rows<ClaimedRow>(
    selectClaimed({
      provider: opts.sql.provider,
      source: `"Execution"`,
      where: `e."id" = ? AND e."leaseOwner" = ? AND e."status" = 'running'`,
    }),
    [opts.executionId, opts.workerId],
  );
  return row ? toClaimedExecution(row) : null;
}
