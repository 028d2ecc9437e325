import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";
import { cursorPageArgs, cursorQuery, toCursorPage } from "@/lib/pagination/cursor-page";

import type { ExecutionPage } from "./execution-dto";
import { executionStatuses } from "./execution-state";
import { executionSummaryInclude, toExecutionSummaryDto } from "./to-execution-dto";

const idPattern = /^[\w-]{1,64}$/;

export const listExecutionsQuery = z.strictObject({
  status: z.enum(executionStatuses).optional(),
  trigger: z.enum(["webhook", "replay", "test"]).optional(),
  workflowId: z.string().regex(idPattern, "workflowId is not a valid id").optional(),
  webhookId: z.string().regex(idPattern, "webhookId is not a valid id").optional(),
  cursor: cursorQuery.cursor,
  limit: cursorQuery.limit({ max: 100, default: 25 }),
});

/** Newest first; run ids are time-ordered, so the last id of a page is the next page's cursor. */
export async function listExecutions(opts: { db: Db; agentId: string; query: unknown }): Promise<ExecutionPage> {
  const { cursor, limit, ...filters } = listExecutionsQuery.parse(opts.query);
  const agent = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", opts.agentId);
  const { id, ...pageArgs } = cursorPageArgs({ cursor, limit });
  const rows = await opts.db.execution.findMany({
    where: { agentId: agent.id, ...filters, id },
    ...pageArgs,
    include: executionSummaryInclude,
  });
  const { page, nextCursor } = toCursorPage({ rows, limit });
  return { executions: page.map(toExecutionSummaryDto), nextCursor };
}
