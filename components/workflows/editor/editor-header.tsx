"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";

import type { WorkflowEditorState } from "./use-workflow-editor";

export type EditorView = "form" | "json";

/** Name, version, the Form/JSON switch and Save, with what Save did or why it could not. */
export function EditorHeader(props: {
  workflow: WorkflowDto;
  editor: WorkflowEditorState;
  view: EditorView;
  onViewChange: (view: EditorView) => void;
  readOnly: boolean;
}) {
  const { workflow, editor } = props;
  const problemCount = editor.validation.problems.length;
  const blocked = editor.showAllErrors && problemCount > 0 && !editor.save.isPending;

  return (
    <div className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold text-slate-900">{workflow.name}</h2>
            <Badge tone="slate">v{workflow.version}</Badge>
            {editor.dirty ? <Badge tone="amber">Unsaved changes</Badge> : null}
            {props.readOnly ? <Badge tone="slate">Read-only</Badge> : null}
          </div>
          <p className="mt-0.5 text-sm text-slate-600">{workflow.description || "No description"}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <p role="status" className="text-sm text-green-700">
            {editor.savedVersion !== null && !editor.dirty ? `Saved as v${editor.savedVersion}` : ""}
          </p>
          <div
            role="group"
            aria-label="Editor view"
            className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300 ring-inset"
          >
            {(["form", "json"] as const).map((view) => (
              <button
                key={view}
                type="button"
                aria-pressed={props.view === view}
                onClick={() => props.onViewChange(view)}
                className={`px-3 py-2 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                  props.view === view ? "bg-slate-800 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
                }`}
              >
                {view === "form" ? "Form" : "JSON"}
              </button>
            ))}
          </div>
          {props.readOnly ? null : (
            <>
              <Button variant="ghost" disabled={!editor.dirty || editor.save.isPending} onClick={editor.discard}>
                Discard changes
              </Button>
              <Button disabled={!editor.dirty || editor.save.isPending} onClick={editor.saveDraft}>
                {editor.save.isPending ? "Saving…" : "Save"}
              </Button>
            </>
          )}
        </div>
      </div>
      {props.readOnly ? (
        <p className="text-sm text-slate-600">Viewers can read this workflow; a builder can change and test it.</p>
      ) : null}
      {blocked ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
          Fix {problemCount === 1 ? "1 problem" : `${problemCount} problems`} before saving;{" "}
          {problemCount === 1 ? "it is" : "they are"} marked at the fields.
        </p>
      ) : null}
      {editor.save.error && !blocked ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
          Not saved: {editor.save.error.message}
        </p>
      ) : null}
    </div>
  );
}
