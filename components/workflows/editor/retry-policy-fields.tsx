"use client";

import { TextField } from "@/components/ui/text-field";

import { numberText, parseNumberInput } from "../step-forms/fields";
import { readOnlyFieldsetClass } from "./read-only-fields";
import type { WorkflowEditorState } from "./use-workflow-editor";

/** How often a failing run is tried again, and how long it waits in between. */
export function RetryPolicyFields({ editor, readOnly }: { editor: WorkflowEditorState; readOnly: boolean }) {
  const retry = editor.state.definition.retry ?? {};
  const set = (patch: Partial<typeof retry>) => editor.update({ type: "setRetry", retry: { ...retry, ...patch } });

  return (
    <section
      aria-labelledby="retry-heading"
      className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 id="retry-heading" className="text-base font-semibold text-slate-900">
          Retry policy
        </h2>
        <p className="text-sm text-slate-600">
          A failed run resumes at the failed step; earlier steps are not run again.
        </p>
      </div>
      <fieldset disabled={readOnly} className={`grid gap-4 sm:grid-cols-2 ${readOnlyFieldsetClass}`}>
        <TextField
          label="Max attempts"
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          placeholder="3"
          hint="1 to 10, the first run included."
          name="retry.maxAttempts"
          value={numberText(retry.maxAttempts)}
          error={editor.errorAt("retry.maxAttempts")}
          onChange={(event) => set({ maxAttempts: parseNumberInput(event.target.value) })}
        />
        <TextField
          label="Backoff seconds"
          type="number"
          inputMode="numeric"
          min={1}
          max={3600}
          placeholder="10"
          hint="The first retry waits about this long, each next one twice as long."
          name="retry.backoffSeconds"
          value={numberText(retry.backoffSeconds)}
          error={editor.errorAt("retry.backoffSeconds")}
          onChange={(event) => set({ backoffSeconds: parseNumberInput(event.target.value) })}
        />
      </fieldset>
    </section>
  );
}
