// The API of an agent's executions (runs, to people), typed.
import type { ExecutionDto, ExecutionPage, ExecutionSummaryDto } from "@/lib/executions/execution-dto";

import { apiFetch } from "../api-client";
import type { ExecutionFilters } from "../query-keys";
import { agentApiPath, queryString } from "./paths";

const executionPath = (agentId: string, executionId: string, suffix = "") =>
  agentApiPath(agentId, `/executions/${encodeURIComponent(executionId)}${suffix}`);

export function listExecutions(opts: {
  agentId: string;
  filters: ExecutionFilters;
  limit: number;
  cursor: string | null;
}): Promise<ExecutionPage> {
  const query = queryString({ limit: String(opts.limit), ...opts.filters, cursor: opts.cursor });
  return apiFetch<ExecutionPage>(agentApiPath(opts.agentId, `/executions${query}`));
}

export async function getExecution(opts: { agentId: string; executionId: string }): Promise<ExecutionDto> {
  return (await apiFetch<{ execution: ExecutionDto }>(executionPath(opts.agentId, opts.executionId))).execution;
}

/** A new run of a failed one; the answer is the new run. */
export async function retryExecution(opts: { agentId: string; executionId: string }): Promise<ExecutionSummaryDto> {
  const path = executionPath(opts.agentId, opts.executionId, "/retry");
  return (await apiFetch<{ execution: ExecutionSummaryDto }>(path, { method: "POST" })).execution;
}
