"use client";

import { useReducer } from "react";

import type { StepType } from "@/lib/workflows/steps/step-schemas";

import { createDefaultStep } from "./step-defaults";
import type { DraftDefinition, DraftStep } from "./validate-draft";

// The definition being edited. Each step also gets a client-only key, so cards keep their state
// (open or closed, local text) while the builder renames, moves or removes steps.

type State = {
  definition: DraftDefinition;
  keys: string[];
  /** Bumped when the whole definition is replaced, so the step forms start over from it. */
  revision: number;
  /** The step just added: its card opens and focuses its id field. */
  addedKey: string | null;
};

type Action =
  | { type: "replace"; definition: DraftDefinition; keepKeys?: boolean }
  | { type: "updateStep"; index: number; step: DraftStep }
  | { type: "move"; index: number; delta: -1 | 1 }
  | { type: "remove"; index: number }
  | { type: "add"; stepType: StepType }
  | { type: "setRetry"; retry: DraftDefinition["retry"] };

let keyCounter = 0;
const newKey = () => `step-${++keyCounter}`;

function init(definition: DraftDefinition): State {
  return { definition, keys: definition.steps.map(newKey), revision: 0, addedKey: null };
}

function swap<T>(items: T[], index: number, other: number): T[] {
  const copy = [...items];
  [copy[index], copy[other]] = [copy[other], copy[index]];
  return copy;
}

function reducer(state: State, action: Action): State {
  const { definition } = state;
  switch (action.type) {
    case "replace": {
      const keepKeys = action.keepKeys && action.definition.steps.length === state.keys.length;
      return {
        definition: action.definition,
        keys: keepKeys ? state.keys : action.definition.steps.map(newKey),
        revision: state.revision + 1,
        addedKey: null,
      };
    }
    case "updateStep":
      return {
        ...state,
        definition: {
          ...definition,
          steps: definition.steps.map((step, i) => (i === action.index ? action.step : step)),
        },
      };
    case "move": {
      const other = action.index + action.delta;
      if (other < 0 || other >= definition.steps.length) return state;
      return {
        ...state,
        definition: { ...definition, steps: swap(definition.steps, action.index, other) },
        keys: swap(state.keys, action.index, other),
      };
    }
    case "remove":
      return {
        ...state,
        definition: { ...definition, steps: definition.steps.filter((_, i) => i !== action.index) },
        keys: state.keys.filter((_, i) => i !== action.index),
      };
    case "add": {
      const step = createDefaultStep(
        action.stepType,
        definition.steps.map((existing) => existing.id),
      );
      const key = newKey();
      return {
        ...state,
        definition: { ...definition, steps: [...definition.steps, step] },
        keys: [...state.keys, key],
        addedKey: key,
      };
    }
    case "setRetry":
      return { ...state, definition: { ...definition, retry: action.retry } };
  }
}

export function useDraft(initial: DraftDefinition) {
  return useReducer(reducer, initial, init);
}

export type DraftAction = Action;
