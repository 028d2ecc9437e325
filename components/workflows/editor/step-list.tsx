"use client";

import { DropdownMenu } from "@/components/ui/dropdown-menu";
import { stepTypeLabels, stepTypes } from "@/lib/workflows/steps/step-schemas";

import { StepCard } from "./step-card";
import type { WorkflowEditorState } from "./use-workflow-editor";
import { countStepProblems } from "./validate-draft";

/** The ordered steps as cards, and Add step with its type picker. */
export function StepList({ editor, readOnly }: { editor: WorkflowEditorState; readOnly: boolean }) {
  const { state, update, validation } = editor;
  const steps = state.definition.steps;
  // Unique ids and the step count concern the whole list, so they show at once.
  const listError = editor.errorAt("steps") ?? validation.errors.steps;
  const addStep = (
    <DropdownMenu
      label="Add step"
      items={stepTypes.map((type) => ({
        label: stepTypeLabels[type],
        onSelect: () => update({ type: "add", stepType: type }),
      }))}
    />
  );

  return (
    <section aria-labelledby="steps-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="steps-heading" className="text-base font-semibold text-slate-900">
            Steps
          </h2>
          <p className="text-sm text-slate-600">
            Run in order. Fields read the run context: <code className="font-mono text-[13px]">trigger.body</code>,{" "}
            <code className="font-mono text-[13px]">trigger.headers</code> and{" "}
            <code className="font-mono text-[13px]">steps.&lt;id&gt;</code>, the output of an earlier step.
          </p>
        </div>
      </div>
      {listError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
          {listError}
        </p>
      ) : null}
      {steps.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
          <p className="text-sm font-medium text-slate-900">No steps yet</p>
          <p className="mt-1 text-sm text-slate-600">
            {readOnly
              ? "A builder can add steps to this workflow."
              : "Add the first step: fetch data over HTTP, transform it, check rules, store records, ask an LLM or notify."}
          </p>
        </div>
      ) : (
        <ol aria-label="Workflow steps" className="space-y-3">
          {steps.map((step, index) => {
            const key = state.keys[index];
            return (
              <StepCard
                key={key}
                formKey={`${key}-${state.revision}`}
                step={step}
                index={index}
                count={steps.length}
                open={editor.isOpen(key)}
                problemCount={editor.showAllErrors ? countStepProblems(validation.problems, index) : 0}
                autoFocus={key === state.addedKey}
                readOnly={readOnly}
                onToggle={(open) => editor.toggle(key, open)}
                onMove={(delta) => update({ type: "move", index, delta })}
                onRemove={() => update({ type: "remove", index })}
                onChange={(next) => update({ type: "updateStep", index, step: next })}
                errorAt={editor.errorAt}
              />
            );
          })}
        </ol>
      )}
      {readOnly ? null : <div className="flex justify-end">{addStep}</div>}
    </section>
  );
}
