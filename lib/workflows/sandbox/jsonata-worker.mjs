// Runs in a pool thread (see sandbox-pool.ts): evaluates one step's JSONata expressions and
// {{ … }} templates over the run's context. Plain JavaScript importing only jsonata and Node
// built-ins, so the same file loads under `next start`, vitest and tsx. A runaway expression is
// stopped by terminating this thread; results are serialized and size-checked here, so a huge value
// never crosses threads.
import { getHeapStatistics } from "node:v8";

import jsonata from "jsonata";

const compiled = new Map();
const MAX_COMPILED = 1_000;
// Node's heap limit for a thread is best-effort: an allocation that outgrows it in one native loop
// aborts the whole process (nodejs/node#47224). So evaluation also stops itself well before the
// limit, checking the heap every few hundred evaluation steps through JSONata's entry hook.
const entryHook = Symbol.for("jsonata.__evaluate_entry");
const HEAP_CHECK_EVERY = 128;
const HEAP_BUDGET_EXIT_CODE = 75;
let heapBudgetBytes = Infinity;
let steps = 0;

class HeapBudgetExceeded extends Error {}

function checkHeap() {
  if (++steps % HEAP_CHECK_EVERY !== 0) return;
  if (getHeapStatistics().used_heap_size > heapBudgetBytes) throw new HeapBudgetExceeded();
}

const templatePart = /\{\{([\s\S]+?)\}\}/g;
const wholeTemplate = /^\s*\{\{([\s\S]+?)\}\}\s*$/;

class ExpressionFailure extends Error {
  constructor(expression, cause) {
    super(cause?.message ?? String(cause));
    this.expression = expression;
    this.code = typeof cause?.code === "string" ? cause.code : undefined;
  }
}

function compile(expression) {
  let parsed = compiled.get(expression);
  if (parsed) return parsed;
  try {
    parsed = jsonata(expression);
  } catch (error) {
    throw new ExpressionFailure(expression, error);
  }
  parsed.assign(entryHook, checkHeap);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value);
  compiled.set(expression, parsed);
  return parsed;
}

async function evaluate(expression, context, bindings) {
  try {
    // JSONata's arrays carry an internal `sequence` flag: serializing the results (below) drops it.
    const result = await compile(expression).evaluate(context, bindings);
    return result === undefined ? null : result;
  } catch (error) {
    if (error instanceof ExpressionFailure || error instanceof HeapBudgetExceeded) throw error;
    throw new ExpressionFailure(expression, error);
  }
}

const asText = (value) => (value === null ? "" : typeof value === "string" ? value : (JSON.stringify(value) ?? ""));

// A string that is exactly one template keeps the value's type; otherwise values are inserted as text.
async function renderTemplate(text, context) {
  const whole = wholeTemplate.exec(text);
  if (whole && !whole[1].includes("}}")) return evaluate(whole[1].trim(), context);
  const parts = [...text.matchAll(templatePart)];
  if (parts.length === 0) return text;
  const values = [];
  for (const part of parts) values.push(await evaluate(part[1].trim(), context));
  let index = 0;
  return text.replace(templatePart, () => asText(values[index++]));
}

async function renderValue(value, context) {
  if (typeof value === "string") return renderTemplate(value, context);
  if (Array.isArray(value)) {
    const items = [];
    for (const item of value) items.push(await renderValue(item, context));
    return items;
  }
  if (value && typeof value === "object") {
    const entries = [];
    for (const [key, item] of Object.entries(value)) entries.push([key, await renderValue(item, context)]);
    return Object.fromEntries(entries);
  }
  return value;
}

function runJob(job, context) {
  if (job.kind === "expression") return evaluate(job.expression, context, job.bindings);
  if (job.kind === "text") return renderTemplate(job.template, context).then(asText);
  if (job.kind === "template") return renderTemplate(job.template, context);
  return renderValue(job.value, context);
}

/** Serialized results, or the size they reached once past the cap (a huge string is not copied to find out). */
function serialize(results, maxOutputBytes) {
  let bytes = 2;
  const parts = [];
  for (const result of results) {
    const tooLong = typeof result === "string" && result.length > maxOutputBytes;
    const json = tooLong ? null : (JSON.stringify(result) ?? "null");
    bytes += (tooLong ? result.length : Buffer.byteLength(json)) + 1;
    if (bytes > maxOutputBytes) return { bytes };
    parts.push(json);
  }
  return { json: `[${parts.join(",")}]` };
}

/**
 * One task: every job of a step over one context. Answers `{ json }` (the results as JSON text),
 * `{ failure }` (an expression failed) or `{ tooLarge }`.
 */
export default async function runTask({ context, jobs, maxOutputBytes, heapBudgetMb }) {
  heapBudgetBytes = heapBudgetMb * 1024 * 1024;
  const results = [];
  try {
    for (const job of jobs) results.push(await runJob(job, context));
  } catch (error) {
    if (error instanceof ExpressionFailure)
      return { failure: { expression: error.expression, message: error.message, code: error.code } };
    // The heap is full of this task's garbage, which would fail the thread's next tasks: end the
    // thread (piscina starts a fresh one); the client reads this exit code as "used too much memory".
    if (error instanceof HeapBudgetExceeded) process.exit(HEAP_BUDGET_EXIT_CODE);
    throw error;
  }
  const serialized = serialize(results, maxOutputBytes);
  return serialized.json === undefined ? { tooLarge: { bytes: serialized.bytes } } : { json: serialized.json };
}
