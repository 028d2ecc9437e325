import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { buildRunContext } from "@/lib/workflows/engine/run-context";
import { parseStoredDefinition } from "@/lib/workflows/workflow-definition";

import type { ExecutionDto, ExecutionStepDto } from "./execution-dto";
import { executionSummaryInclude, toExecutionSummaryDto } from "./to-execution-dto";

const parse = (text: string | null) => (text === null ? null : JSON.parse(text));

/** A run with each step of its workflow version and the latest attempt of each. */
export async function getExecution(opts: { db: Db; agentId: string; executionId: string }): Promise<ExecutionDto> {
  const row = await opts.db.execution.findUnique({
    where: { id: opts.executionId },
    include: {
      ...executionSummaryInclude,
      agent: { select: { id: true, name: true } },
      delivery: { select: { body: true, headers: true, receivedAt: true, webhookId: true } },
      stepRuns: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!row || row.agentId !== opts.agentId) throw notFound("Run", opts.executionId);
  const version = await opts.db.workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: row.workflowId, version: row.workflowVersion } },
  });
  const definition = version ? parseStoredDefinition(version.definition) : null;

  const latestByStep = new Map(row.stepRuns.map((run) => [run.stepId, run]));
  const steps: ExecutionStepDto[] = (definition?.steps ?? []).map((step, stepIndex) => {
    const run = latestByStep.get(step.id);
    return {
      stepId: step.id,
      stepIndex,
      stepType: step.type,
      name: step.name ?? null,
      status: run ? (run.status as "succeeded" | "failed") : "pending",
      attempt: run?.attempt ?? null,
      input: run ? parse(run.input) : step.config,
      output: run ? parse(run.output) : null,
      error: run?.error ?? null,
      startedAt: run?.startedAt.toISOString() ?? null,
      finishedAt: run?.finishedAt.toISOString() ?? null,
      durationMs: run?.durationMs ?? null,
    };
  });

  return {
    ...toExecutionSummaryDto(row),
    context: buildRunContext(row).trigger,
    steps,
    attempts: row.stepRuns.map((run) => ({
      id: run.id,
      stepId: run.stepId,
      attempt: run.attempt,
      status: run.status as "succeeded" | "failed",
      error: run.error,
      durationMs: run.durationMs,
      finishedAt: run.finishedAt.toISOString(),
    })),
    stoppedAtStepId: row.stoppedAtStepId,
  };
}
