"use client";

import { useMemo, useState } from "react";

import { ApiClientError } from "@/lib/client/api-client";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";

import { useSaveDefinition } from "../use-workflow";
import { useDraft, type DraftAction } from "./use-draft";
import { sameDefinition, validateDraft, type DraftDefinition } from "./validate-draft";

/**
 * The editor's state: the draft and its validation, which field errors to show (a field's once
 * it was left, all of them after a Save attempt, the server's until the next edit), which step
 * cards are open, and saving.
 */
export function useWorkflowEditor(agentId: string, workflow: WorkflowDto) {
  const [state, dispatch] = useDraft(workflow.definition);
  const validation = useMemo(() => validateDraft(state.definition), [state.definition]);
  const dirty = !sameDefinition(state.definition, workflow.definition);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const save = useSaveDefinition(agentId, workflow.id);

  function update(action: DraftAction) {
    dispatch(action);
    setSavedVersion(null);
    if (Object.keys(serverErrors).length > 0) setServerErrors({});
  }

  function errorAt(path: string): string | undefined {
    return serverErrors[path] ?? (showAll || touched.has(path) ? validation.errors[path] : undefined);
  }

  function markTouched(name: string) {
    if (name && !touched.has(name)) setTouched(new Set(touched).add(name));
  }

  function openStepsWithProblems(problemPaths: string[]) {
    const open = { ...toggled };
    state.keys.forEach((key, index) => {
      if (problemPaths.some((path) => path.startsWith(`steps.${index}.`))) open[key] = true;
    });
    setToggled(open);
  }

  function saveDraft() {
    if (!validation.parsed) {
      setShowAll(true);
      openStepsWithProblems(validation.problems.map((problem) => problem.path));
      return;
    }
    save.mutate(validation.parsed, {
      onSuccess: (saved) => {
        dispatch({ type: "replace", definition: saved.definition, keepKeys: true });
        setSavedVersion(saved.version);
        setShowAll(false);
        setTouched(new Set());
      },
      onError: (error) => {
        if (!(error instanceof ApiClientError) || error.issues.length === 0) return;
        const mapped = Object.fromEntries(
          error.issues.map((issue) => [issue.field.replace(/^definition\.?/, ""), issue.message]),
        );
        setServerErrors(mapped);
        setShowAll(true);
        openStepsWithProblems(Object.keys(mapped));
      },
    });
  }

  function reset(definition: DraftDefinition) {
    update({ type: "replace", definition });
    setShowAll(false);
    setTouched(new Set());
    save.reset();
  }

  return {
    state,
    validation,
    dirty,
    update,
    errorAt,
    markTouched,
    showAllErrors: showAll,
    isOpen: (key: string) => toggled[key] ?? key === state.addedKey,
    toggle: (key: string, open: boolean) => setToggled({ ...toggled, [key]: open }),
    saveDraft,
    save,
    savedVersion,
    discard: () => reset(workflow.definition),
    applyJson: (definition: DraftDefinition) => update({ type: "replace", definition }),
  };
}

export type WorkflowEditorState = ReturnType<typeof useWorkflowEditor>;
