"use client";

import { useState } from "react";

import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { SelectField } from "@/components/ui/select-field";
import { useWorkflows } from "@/components/workflows/use-workflows";
import type { ExecutionFilters } from "@/lib/client/query-keys";

import { executionColumns, ExecutionRow } from "./execution-row";
import { statusLabels } from "./format-run";
import { useExecutions } from "./use-executions";

const statuses = ["queued", "running", "succeeded", "failed"] as const;
const triggers = { webhook: "Webhook", test: "Test", replay: "Replay", retry: "Retry" } as const;

/** Every run of the agent's workflows, newest first, polled so runs appear and finish live. */
export function ExecutionsTab({ agentId }: { agentId: string }) {
  const [filters, setFilters] = useState<ExecutionFilters>({ status: null, workflowId: null, trigger: null });
  const executions = useExecutions(agentId, filters);
  const workflows = useWorkflows(agentId);
  const rows = executions.data?.pages.flatMap((page) => page.executions) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const setFilter = (name: keyof ExecutionFilters) => (event: { target: { value: string } }) =>
    setFilters({ ...filters, [name]: event.target.value || null });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <p className="max-w-xl text-sm text-slate-600">
          Every run of this agent&apos;s workflows, newest first. Open a run to see each step&apos;s input, output and
          error. Updates every few seconds.
        </p>
        <div className="grid w-full grid-cols-2 gap-3 sm:flex sm:w-auto sm:flex-wrap">
          <div className="sm:w-36">
            <SelectField label="Status" value={filters.status ?? ""} onChange={setFilter("status")}>
              <option value="">All</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {statusLabels[status]}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-span-2 row-start-2 sm:w-52">
            <SelectField label="Workflow" value={filters.workflowId ?? ""} onChange={setFilter("workflowId")}>
              <option value="">All workflows</option>
              {workflows.data?.map((workflow) => (
                <option key={workflow.id} value={workflow.id}>
                  {workflow.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="sm:w-36">
            <SelectField label="Trigger" value={filters.trigger ?? ""} onChange={setFilter("trigger")}>
              <option value="">All</option>
              {Object.entries(triggers).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
      </div>
      <ErrorNotice error={executions.error} />
      <DataTable caption="Runs" columns={executionColumns} className="rounded-xl shadow-sm">
        {rows.map((execution) => (
          <ExecutionRow key={execution.id} execution={execution} />
        ))}
        {executions.isSuccess && rows.length === 0 ? (
          <TableMessageRow columns={executionColumns.length}>
            {filtered
              ? "No runs match these filters."
              : "No runs yet. Start one with Test run in the workflow editor, or send a signed request to one of the agent's webhooks."}
          </TableMessageRow>
        ) : null}
        {executions.isPending ? (
          <TableMessageRow columns={executionColumns.length}>
            <span role="status">Loading runs…</span>
          </TableMessageRow>
        ) : null}
      </DataTable>
      <LoadMoreButton query={executions} />
    </div>
  );
}
