import "server-only";

import { evaluateInSandbox, type SandboxJob } from "./sandbox/evaluate-in-sandbox";

// JSONata expressions and {{ … }} templates over a run's context, evaluated in the sandbox's
// threads under the running step's time and memory limits (see lib/workflows/sandbox). Expressions
// are the builder's code, so their errors are permanent: retrying the run would fail the same way.
// A step with several expressions or templates should pass them to evaluateJobs together: one task.

export { ExpressionError } from "./sandbox/evaluate-in-sandbox";
export type { SandboxJob } from "./sandbox/evaluate-in-sandbox";

/** Every job's result, in order, from one sandbox task. */
export function evaluateJobs(context: unknown, jobs: SandboxJob[]): Promise<unknown[]> {
  return evaluateInSandbox({ context, jobs });
}

export async function evaluateExpression(
  expression: string,
  input: unknown,
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  const [value] = await evaluateJobs(input, [{ kind: "expression", expression, bindings }]);
  return value;
}

/**
 * Renders `{{ expr }}` parts of a string. A string that is exactly one template keeps the
 * value's type (a number stays a number); otherwise values are inserted as text (JSON for objects).
 */
export async function renderTemplate(text: string, context: unknown): Promise<unknown> {
  const [value] = await evaluateJobs(context, [{ kind: "template", template: text }]);
  return value;
}

/** Renders a template that must produce text (URLs, keys, messages). */
export async function renderText(text: string, context: unknown): Promise<string> {
  const [value] = await evaluateJobs(context, [{ kind: "text", template: text }]);
  return value as string;
}

/** Renders every string inside a JSON value (objects and arrays walked recursively). */
export async function renderValue(value: unknown, context: unknown): Promise<unknown> {
  const [rendered] = await evaluateJobs(context, [{ kind: "value", value }]);
  return rendered;
}
