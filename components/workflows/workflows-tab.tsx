"use client";

import Link from "next/link";
import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { NameDescriptionForm } from "@/components/ui/name-description-form";
import { workflowEditorPath } from "@/lib/client/page-paths";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";
import { updateWorkflowInput } from "@/lib/workflows/workflow-input";

import { CreateWorkflowDialog } from "./create-workflow-dialog";
import { useDeleteWorkflow, useUpdateWorkflow, useWorkflows } from "./use-workflows";

type OpenDialog =
  { kind: "create" } | { kind: "rename"; workflow: WorkflowDto } | { kind: "delete"; workflow: WorkflowDto } | null;

export function WorkflowsTab({ agentId }: { agentId: string }) {
  const workflows = useWorkflows(agentId);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);
  const canBuild = useCurrentUser().can("builder");
  const newWorkflowButton = canBuild ? (
    <Button onClick={() => setDialog({ kind: "create" })}>New workflow</Button>
  ) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-sm text-slate-600">
          A workflow is the list of steps a trigger runs.{" "}
          {canBuild ? "Open one to edit its steps and test it." : "Open one to read its steps."}
        </p>
        {newWorkflowButton}
      </div>
      {workflows.isPending ? <Loading /> : null}
      <ErrorNotice error={workflows.error} />
      {workflows.data?.length === 0 ? (
        <EmptyState title="No workflows yet" action={newWorkflowButton}>
          {canBuild
            ? "Create a workflow, then connect it to a webhook in the Triggers tab."
            : "Workflows that builders create appear here."}
        </EmptyState>
      ) : null}
      {workflows.data && workflows.data.length > 0 ? (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
          aria-label="Workflows"
        >
          {workflows.data.map((workflow) => (
            <li key={workflow.id} className="flex flex-wrap items-center gap-4 px-4 py-4 sm:px-6">
              <div className="min-w-0 flex-1">
                <Link
                  href={workflowEditorPath(agentId, workflow.id)}
                  className="font-medium text-slate-900 hover:text-indigo-600"
                >
                  {workflow.name}
                </Link>
                <p className="truncate text-sm text-slate-600">{workflow.description || "No description"}</p>
              </div>
              <span className="text-sm text-slate-500">
                v{workflow.version} · {workflow.definition.steps.length}{" "}
                {workflow.definition.steps.length === 1 ? "step" : "steps"}
              </span>
              <div className="flex gap-1">
                <Link
                  href={workflowEditorPath(agentId, workflow.id)}
                  aria-label={`${canBuild ? "Edit" : "View"} ${workflow.name}`}
                  className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-slate-100"
                >
                  {canBuild ? "Edit" : "View"}
                </Link>
                {canBuild ? (
                  <>
                    <Button
                      variant="ghost"
                      aria-label={`Rename ${workflow.name}`}
                      onClick={() => setDialog({ kind: "rename", workflow })}
                    >
                      Rename
                    </Button>
                    <Button
                      variant="ghost"
                      className="text-red-700"
                      aria-label={`Delete ${workflow.name}`}
                      onClick={() => setDialog({ kind: "delete", workflow })}
                    >
                      Delete
                    </Button>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {dialog?.kind === "create" ? <CreateWorkflowDialog agentId={agentId} onClose={close} /> : null}
      {dialog?.kind === "rename" ? (
        <RenameWorkflowDialog agentId={agentId} workflow={dialog.workflow} onClose={close} />
      ) : null}
      {dialog?.kind === "delete" ? (
        <DeleteWorkflowDialog agentId={agentId} workflow={dialog.workflow} onClose={close} />
      ) : null}
    </div>
  );
}

type WorkflowDialogProps = { agentId: string; workflow: WorkflowDto; onClose: () => void };

function RenameWorkflowDialog({ agentId, workflow, onClose }: WorkflowDialogProps) {
  const update = useUpdateWorkflow(agentId);
  return (
    <Dialog open onClose={onClose} title={`Rename ${workflow.name}`}>
      <NameDescriptionForm
        initial={{ name: workflow.name, description: workflow.description }}
        schema={updateWorkflowInput}
        submitLabel="Save"
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate({ workflowId: workflow.id, input: values }, { onSuccess: onClose })}
        onCancel={onClose}
      />
    </Dialog>
  );
}

function DeleteWorkflowDialog({ agentId, workflow, onClose }: WorkflowDialogProps) {
  const remove = useDeleteWorkflow(agentId);
  return (
    <ConfirmDialog
      open
      title={`Delete ${workflow.name}?`}
      confirmLabel="Delete workflow"
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() => remove.mutate(workflow.id, { onSuccess: onClose })}
    >
      <p>This deletes the workflow and its steps. It cannot be undone.</p>
    </ConfirmDialog>
  );
}
