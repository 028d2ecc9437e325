"use client";

import { useState, type KeyboardEvent } from "react";

import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useCreateWorkflow, useWorkflows } from "@/components/workflows/use-workflows";
import { workflowNameSchema } from "@/lib/workflows/workflow-input";

/**
 * The "Workflow" select of the webhook form, with "Create a new workflow" for when none fits:
 * it creates the workflow on the spot and selects it, so the builder never leaves the dialog.
 */
export function WorkflowPicker(props: {
  agentId: string;
  value: string;
  error?: string;
  onChange: (workflowId: string) => void;
}) {
  const workflows = useWorkflows(props.agentId);
  const [creating, setCreating] = useState(false);
  const noWorkflows = workflows.data?.length === 0;

  return (
    <div className="space-y-2">
      <SelectField
        label="Workflow"
        name="workflowId"
        value={props.value}
        error={props.error}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="" disabled>
          {workflows.isPending ? "Loading workflows…" : noWorkflows ? "No workflows yet" : "Choose a workflow"}
        </option>
        {workflows.data?.map((workflow) => (
          <option key={workflow.id} value={workflow.id}>
            {workflow.name}
          </option>
        ))}
      </SelectField>
      <ErrorNotice error={workflows.error} />
      {creating || noWorkflows ? (
        <NewWorkflowField
          agentId={props.agentId}
          onCancel={noWorkflows ? undefined : () => setCreating(false)}
          onCreated={(workflowId) => {
            setCreating(false);
            props.onChange(workflowId);
          }}
        />
      ) : (
        <Button variant="ghost" className="text-indigo-700" onClick={() => setCreating(true)}>
          <span aria-hidden>+</span> Create a new workflow
        </Button>
      )}
    </div>
  );
}

function NewWorkflowField(props: { agentId: string; onCreated: (workflowId: string) => void; onCancel?: () => void }) {
  const create = useCreateWorkflow(props.agentId);
  const [name, setName] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();

  function submit() {
    const parsed = workflowNameSchema.safeParse(name);
    if (!parsed.success) {
      setLocalError(parsed.error.issues[0].message);
      return;
    }
    setLocalError(undefined);
    // mutateAsync, not mutate's onSuccess: creating the first workflow ends the "no workflows"
    // state, which unmounts this field before the mutation settles, and React Query drops
    // per-call callbacks of unmounted components. Failures show through create.error.
    create.mutateAsync({ name: parsed.data }).then(
      (workflow) => props.onCreated(workflow.id),
      () => undefined,
    );
  }

  // Enter here creates the workflow instead of submitting the whole webhook form.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    submit();
  }

  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset">
      <TextField
        label="New workflow name"
        hint="You can add its steps later in the Workflows tab."
        value={name}
        error={localError ?? create.error?.message}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="flex justify-end gap-2">
        {props.onCancel ? (
          <Button variant="ghost" onClick={props.onCancel}>
            Use an existing workflow
          </Button>
        ) : null}
        <Button variant="secondary" onClick={submit} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create workflow"}
        </Button>
      </div>
    </div>
  );
}
