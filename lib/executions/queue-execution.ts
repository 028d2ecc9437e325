import "server-only";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";
import { notifyExecutionQueued } from "@/lib/workflows/engine/queue-signal";
import type { RunContext } from "@/lib/workflows/steps/step-handler";
import { parseStoredDefinition } from "@/lib/workflows/workflow-definition";

import type { ExecutionSummaryDto, ExecutionTrigger } from "./execution-dto";
import { queuedExecutionColumns } from "./execution-state";
import { executionSummaryInclude, toExecutionSummaryDto } from "./to-execution-dto";

/**
 * Queues a run of a workflow's latest version with the trigger given here (test runs, replays),
 * rather than one read from a delivery. The worker picks it up like any other run.
 */
export async function queueExecution(opts: {
  db: Db;
  workflow: { id: string; agentId: string; version: number; definition: string };
  trigger: Exclude<ExecutionTrigger, "webhook">;
  input: RunContext["trigger"];
  webhookId?: string | null;
  replayOfId?: string | null;
}): Promise<ExecutionSummaryDto> {
  const row = await opts.db.execution.create({
    data: {
      id: createId("run"),
      agentId: opts.workflow.agentId,
      workflowId: opts.workflow.id,
      workflowVersion: opts.workflow.version,
      webhookId: opts.webhookId ?? null,
      trigger: opts.trigger,
      input: JSON.stringify(opts.input),
      replayOfId: opts.replayOfId ?? null,
      ...queuedExecutionColumns({
        now: new Date(),
        maxAttempts: parseStoredDefinition(opts.workflow.definition).retry.maxAttempts,
      }),
    },
    include: executionSummaryInclude,
  });
  notifyExecutionQueued();
  return toExecutionSummaryDto(row);
}
