// The workflows API, typed.
import type { ExecutionSummaryDto } from "@/lib/executions/execution-dto";
import type { WorkflowDefinition, WorkflowDefinitionInput } from "@/lib/workflows/workflow-definition";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";
import type { CreateWorkflowInput, UpdateWorkflowInput } from "@/lib/workflows/workflow-input";

import { apiFetch } from "../api-client";
import { agentApiPath, workflowApiPath } from "./paths";

/** A definition is sent when the workflow starts from a template. */
export type NewWorkflowInput = CreateWorkflowInput & { definition?: WorkflowDefinitionInput };
export type TestRunInput = { body: unknown; headers?: Record<string, string> };

export async function listWorkflows(opts: { agentId: string }): Promise<WorkflowDto[]> {
  return (await apiFetch<{ workflows: WorkflowDto[] }>(agentApiPath(opts.agentId, "/workflows"))).workflows;
}

export async function createWorkflow(opts: { agentId: string; input: NewWorkflowInput }): Promise<WorkflowDto> {
  const path = agentApiPath(opts.agentId, "/workflows");
  return (await apiFetch<{ workflow: WorkflowDto }>(path, { method: "POST", body: opts.input })).workflow;
}

export async function getWorkflow(opts: { workflowId: string }): Promise<WorkflowDto> {
  return (await apiFetch<{ workflow: WorkflowDto }>(workflowApiPath(opts.workflowId))).workflow;
}

export async function updateWorkflow(opts: {
  workflowId: string;
  input: UpdateWorkflowInput | { definition: WorkflowDefinition };
}): Promise<WorkflowDto> {
  const path = workflowApiPath(opts.workflowId);
  return (await apiFetch<{ workflow: WorkflowDto }>(path, { method: "PATCH", body: opts.input })).workflow;
}

export function deleteWorkflow(opts: { workflowId: string }): Promise<void> {
  return apiFetch<void>(workflowApiPath(opts.workflowId), { method: "DELETE" });
}

/** Runs the saved definition on a sample body; the answer is the queued run. */
export async function testRunWorkflow(opts: { workflowId: string; input: TestRunInput }): Promise<ExecutionSummaryDto> {
  const path = workflowApiPath(opts.workflowId, "/test-run");
  return (await apiFetch<{ execution: ExecutionSummaryDto }>(path, { method: "POST", body: opts.input })).execution;
}
