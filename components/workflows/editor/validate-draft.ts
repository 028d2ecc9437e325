import type { z } from "zod";

import { findExpressionError } from "@/lib/workflows/expression-syntax";
import type { StepType } from "@/lib/workflows/steps/step-schemas";
import { workflowDefinitionSchema, type WorkflowDefinition } from "@/lib/workflows/workflow-definition";

// The editor's draft: shaped like a definition, but any field may hold what the builder typed
// so far (or what the JSON view pasted). validateDraft says what is wrong, field by field.

export type DraftStep = {
  id: string;
  type: StepType;
  name?: string;
  timeoutSeconds?: number;
  config: Record<string, unknown>;
};
export type DraftDefinition = { steps: DraftStep[]; retry: { maxAttempts?: number; backoffSeconds?: number } };

export type Problem = { path: string; message: string };
export type DraftValidation = {
  /** The first problem of each field, keyed by dotted path: "steps.2.config.url", "retry.maxAttempts". */
  errors: Record<string, string>;
  problems: Problem[];
  /** The definition to save, when there is no problem. */
  parsed: WorkflowDefinition | null;
};

const templatePart = /\{\{([\s\S]+?)\}\}/g;

/** A readable message for zod's generic ones; the schemas' own messages are kept as they are. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && (issue.expected === "number" || issue.expected === "int")) {
    return issue.expected === "int" ? "Enter a whole number" : "Enter a number";
  }
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? issue.message;
  const generic = issue.message.startsWith("Too small") || issue.message.startsWith("Too big");
  const unit = "origin" in issue && issue.origin === "string" ? " characters" : "";
  if (generic && issue.code === "too_small") return `At least ${String(issue.minimum)}${unit}`;
  if (generic && issue.code === "too_big") return `At most ${String(issue.maximum)}${unit}`;
  return issue.message;
}

/** Syntax errors of a step's expressions: whole-expression fields and each {{ … }} template part. */
function findExpressionProblems(step: DraftStep, path: string): Problem[] {
  const problems: Problem[] = [];
  const bodyPath = `${path}.config.body`;
  const check = (expression: string, at: string, prefix = "") => {
    if (!expression.trim()) return;
    const error = findExpressionError(expression);
    // The body is one text field however deep the template sits in its JSON.
    if (error) problems.push({ path: at.startsWith(bodyPath) ? bodyPath : at, message: `${prefix}${error}` });
  };
  const walk = (value: unknown, at: string, key: string) => {
    if (typeof value === "string") {
      const isExpression =
        key === "expression" ||
        key === "when" ||
        key === "stopWhen" ||
        (step.type === "record_write" && at === `${path}.config.data`) ||
        (step.type === "http_request" && at === bodyPath && step.config.bodyMode === "json");
      if (isExpression) check(value, at, "Expression: ");
      else
        for (const part of value.matchAll(templatePart))
          check(part[1].trim(), at, `In {{ ${part[1].trim().slice(0, 40)} }}: `);
    } else if (value && typeof value === "object") {
      for (const [childKey, child] of Object.entries(value)) walk(child, `${at}.${childKey}`, childKey);
    }
  };
  walk(step.config, `${path}.config`, "config");
  return problems;
}

export function validateDraft(draft: DraftDefinition): DraftValidation {
  const result = workflowDefinitionSchema.safeParse(draft);
  const problems: Problem[] = (result.error?.issues ?? []).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: describeIssue(issue),
  }));
  const ids = draft.steps.map((step) => (typeof step.id === "string" ? step.id.trim() : step.id));
  ids.forEach((id, index) => {
    if (id && ids.indexOf(id) !== index)
      problems.push({ path: `steps.${index}.id`, message: "Another step has this id" });
  });
  draft.steps.forEach((step, index) => problems.push(...findExpressionProblems(step, `steps.${index}`)));

  const errors: Record<string, string> = {};
  for (const problem of problems) errors[problem.path] ??= problem.message;
  return { errors, problems, parsed: result.success && problems.length === 0 ? result.data : null };
}

/** How many problems sit inside one step, for the badge on its (possibly closed) card. */
export function countStepProblems(problems: Problem[], index: number): number {
  const prefix = `steps.${index}.`;
  return problems.filter((problem) => problem.path.startsWith(prefix)).length;
}

/** Key-order-independent comparison, so an unchanged draft never counts as an edit. */
export function sameDefinition(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
