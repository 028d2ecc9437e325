"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/text-field";
import { workflowDefinitionSchema } from "@/lib/workflows/workflow-definition";

import { describeIssue, type DraftDefinition } from "./validate-draft";

type Result = { kind: "error"; messages: string[] } | { kind: "applied" } | null;

/** The whole definition as editable JSON; only a valid definition can be applied to the draft. */
export function JsonView({
  draft,
  onApply,
  readOnly,
}: {
  draft: DraftDefinition;
  onApply: (definition: DraftDefinition) => void;
  readOnly: boolean;
}) {
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [result, setResult] = useState<Result>(null);
  const unchanged = text === JSON.stringify(draft, null, 2);

  function apply() {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      setResult({ kind: "error", messages: [`Not valid JSON: ${(error as Error).message}`] });
      return;
    }
    const parsed = workflowDefinitionSchema.safeParse(value);
    if (!parsed.success) {
      setResult({
        kind: "error",
        messages: parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "definition"}: ${describeIssue(issue)}`,
        ),
      });
      return;
    }
    onApply(parsed.data);
    setText(JSON.stringify(parsed.data, null, 2));
    setResult({ kind: "applied" });
  }

  return (
    <section
      aria-labelledby="json-heading"
      className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 id="json-heading" className="text-base font-semibold text-slate-900">
          Definition JSON
        </h2>
        <p className="text-sm text-slate-600">
          {readOnly
            ? "The steps and retry policy as JSON."
            : "Edit steps and retry policy as JSON, then apply the changes to the draft. Save keeps them as a new version."}
        </p>
      </div>
      <label htmlFor="definition-json" className="sr-only">
        Workflow definition JSON
      </label>
      <textarea
        id="definition-json"
        rows={24}
        spellCheck={false}
        readOnly={readOnly}
        value={text}
        aria-invalid={result?.kind === "error" ? true : undefined}
        aria-describedby={result?.kind === "error" ? "definition-json-error" : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setResult(null);
        }}
        className={`${inputClass} font-mono text-[12.5px] leading-relaxed`}
      />
      {result?.kind === "error" ? (
        <div
          id="definition-json-error"
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset"
        >
          <p className="font-medium">This JSON cannot be applied:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 font-mono text-[12.5px]">
            {result.messages.slice(0, 10).map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.kind === "applied" ? (
        <p role="status" className="text-sm text-green-700">
          Applied to the draft. Save to keep it.
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="flex justify-end gap-2">
          <Button variant="secondary" disabled={unchanged} onClick={() => setText(JSON.stringify(draft, null, 2))}>
            Revert
          </Button>
          <Button disabled={unchanged} onClick={apply}>
            Apply JSON
          </Button>
        </div>
      )}
    </section>
  );
}
