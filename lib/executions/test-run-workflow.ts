import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import type { ExecutionSummaryDto } from "./execution-dto";
import { queueExecution } from "./queue-execution";

export const testRunInput = z.strictObject({
  body: z.unknown().refine((body) => body !== undefined, "body is required: the sample trigger body as JSON"),
  headers: z.record(z.string().max(200), z.string().max(4_000)).default({}),
});

/** Test run: queues the saved workflow with a sample trigger body, like a webhook would. */
export async function testRunWorkflow(opts: {
  db: Db;
  workflowId: string;
  input: unknown;
}): Promise<ExecutionSummaryDto> {
  const input = testRunInput.parse(opts.input);
  const workflow = await opts.db.workflow.findUnique({ where: { id: opts.workflowId } });
  if (!workflow) throw notFound("Workflow", opts.workflowId);
  return queueExecution({
    db: opts.db,
    workflow,
    trigger: "test",
    input: { body: input.body, headers: input.headers, receivedAt: new Date().toISOString(), webhookId: null },
  });
}
