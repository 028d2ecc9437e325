import jsonata from "jsonata";

import { PermanentStepError } from "./steps/step-handler";

// JSONata expressions and {{ … }} templates over a run's context. Expressions are the builder's
// code, so their errors are permanent: retrying the run would fail the same way.

// JSONata's code for an expression's own $error("…"): the builder's words, shown as written.
const RAISED_BY_EXPRESSION = "D3137";

export class ExpressionError extends PermanentStepError {
  constructor(expression: string, cause: unknown) {
    const detail = (cause as { message?: string })?.message ?? String(cause);
    const raised = (cause as { code?: string })?.code === RAISED_BY_EXPRESSION;
    super(
      raised
        ? detail
        : `Expression ${JSON.stringify(expression.length > 80 ? `${expression.slice(0, 77)}…` : expression)} failed: ${detail}`,
    );
  }
}

const compiled = new Map<string, jsonata.Expression>();
const MAX_COMPILED = 1_000;

function compile(expression: string): jsonata.Expression {
  let parsed = compiled.get(expression);
  if (!parsed) {
    try {
      parsed = jsonata(expression);
    } catch (error) {
      throw new ExpressionError(expression, error);
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(expression, parsed);
  }
  return parsed;
}

/** Checks an expression's syntax without running it; returns the error message or null. */
export function findExpressionError(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function evaluateExpression(
  expression: string,
  input: unknown,
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  try {
    const result = await compile(expression).evaluate(input, bindings);
    // JSONata returns arrays with an internal `sequence` flag; copy them out as plain JSON.
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(expression, error);
  }
}

const templatePart = /\{\{([\s\S]+?)\}\}/g;
const wholeTemplate = /^\s*\{\{([\s\S]+?)\}\}\s*$/;

/**
 * Renders `{{ expr }}` parts of a string. A string that is exactly one template keeps the
 * value's type (a number stays a number); otherwise values are inserted as text (JSON for objects).
 */
export async function renderTemplate(text: string, context: unknown): Promise<unknown> {
  const whole = wholeTemplate.exec(text);
  if (whole && !whole[1].includes("}}")) return evaluateExpression(whole[1].trim(), context);
  const parts = [...text.matchAll(templatePart)];
  if (parts.length === 0) return text;
  const values = await Promise.all(parts.map((part) => evaluateExpression(part[1].trim(), context)));
  let index = 0;
  return text.replace(templatePart, () => {
    const value = values[index++];
    if (value === null) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

/** Renders a template that must produce text (URLs, keys, messages). */
export async function renderText(text: string, context: unknown): Promise<string> {
  const value = await renderTemplate(text, context);
  if (value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Renders every string inside a JSON value (objects and arrays walked recursively). */
export async function renderValue(value: unknown, context: unknown): Promise<unknown> {
  if (typeof value === "string") return renderTemplate(value, context);
  if (Array.isArray(value)) return Promise.all(value.map((item) => renderValue(item, context)));
  if (value && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await renderValue(item, context)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}
