import { describe, expect, it } from "vitest";

import {
  emptyWorkflowDefinition,
  maxAttemptsOf,
  parseStoredDefinition,
  workflowDefinitionSchema,
} from "./workflow-definition";

const transform = (id: string, expression = "trigger.body") => ({ id, type: "transform", config: { expression } });
const steps = (count: number) => Array.from({ length: count }, (_, i) => transform(`s${i}`));

function issuesOf(value: unknown): { path: string; message: string }[] {
  const result = workflowDefinitionSchema.safeParse(value);
  expect(result.success, "expected the definition to be rejected").toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("workflowDefinitionSchema", () => {
  it("accepts the empty definition and fills in the default retry policy", () => {
    expect(workflowDefinitionSchema.parse(emptyWorkflowDefinition)).toEqual({
      steps: [],
      retry: { maxAttempts: 3, backoffSeconds: 10 },
    });
    expect(workflowDefinitionSchema.parse({ steps: [] })).toEqual(emptyWorkflowDefinition);
  });

  it("fills in each step's timeout and its type's config defaults, and trims the id", () => {
    const parsed = workflowDefinitionSchema.parse({
      steps: [{ id: " fetch ", type: "http_request", config: { url: "https://example.com/{{ trigger.body.id }}" } }],
      retry: { maxAttempts: 5 },
    });
    expect(parsed).toEqual({
      steps: [
        {
          id: "fetch",
          type: "http_request",
          timeoutSeconds: 30,
          config: {
            method: "GET",
            url: "https://example.com/{{ trigger.body.id }}",
            headers: {},
            failOnHttpError: true,
          },
        },
      ],
      retry: { maxAttempts: 5, backoffSeconds: 10 },
    });
  });

  it.each([
    ["transform", { expression: "trigger.body.amount * 2" }, { expression: "trigger.body.amount * 2" }],
    [
      "rules",
      { rules: [{ name: "big", when: "trigger.body.amount > 1000" }] },
      { rules: [{ name: "big", when: "trigger.body.amount > 1000", score: 0 }] },
    ],
    [
      "record_write",
      { collection: "clients", key: "{{ trigger.body.id }}", data: "trigger.body" },
      { collection: "clients", key: "{{ trigger.body.id }}", data: "trigger.body", mode: "merge" },
    ],
    [
      "record_write",
      { collection: "balances", key: "a-1", data: "$merge([$current, {'n': 1}])", mode: "update" },
      { collection: "balances", key: "a-1", data: "$merge([$current, {'n': 1}])", mode: "update" },
    ],
    ["record_read", { collection: "clients", key: "c-1" }, { collection: "clients", key: "c-1", required: false }],
    [
      "llm_prompt",
      { prompt: "Summarise {{ trigger.body.text }}" },
      { prompt: "Summarise {{ trigger.body.text }}", json: false },
    ],
    ["notify", { conversationKey: "t-1", message: "Hi" }, { conversationKey: "t-1", message: "Hi" }],
  ])("accepts a %s step with its defaults filled in", (type, config, expected) => {
    const [step] = workflowDefinitionSchema.parse({ steps: [{ id: "a", type, config }] }).steps;
    expect(step).toEqual({ id: "a", type, timeoutSeconds: 30, config: expected });
  });

  it("keeps a step's name and timeout", () => {
    const [step] = workflowDefinitionSchema.parse({
      steps: [{ ...transform("a"), name: " Amount ", timeoutSeconds: 600 }],
    }).steps;
    expect(step).toMatchObject({ name: "Amount", timeoutSeconds: 600 });
  });

  it("accepts exactly 100 steps", () => {
    expect(workflowDefinitionSchema.parse({ steps: steps(100) }).steps).toHaveLength(100);
  });

  it.each([
    ["more than 100 steps", { steps: steps(101) }, "steps", "A workflow has at most 100 steps"],
    ["duplicate step ids", { steps: [transform("a"), transform("a", "1")] }, "steps", "Step ids must be unique"],
    ["ids equal after trimming", { steps: [transform("a"), transform(" a")] }, "steps", "Step ids must be unique"],
    ["an empty step id", { steps: [transform("  ")] }, "steps.0.id", "Step id is required"],
    [
      "a step id starting with a digit",
      { steps: [transform("1st")] },
      "steps.0.id",
      "Step id: letters, digits and _, not starting with a digit",
    ],
    [
      "a step id with a dash",
      { steps: [transform("fetch-client")] },
      "steps.0.id",
      "Step id: letters, digits and _, not starting with a digit",
    ],
    [
      "a step id with a dot",
      { steps: [transform("a.b")] },
      "steps.0.id",
      "Step id: letters, digits and _, not starting with a digit",
    ],
    ["a step id over 64 characters", { steps: [transform("x".repeat(65))] }, "steps.0.id", undefined],
    [
      "an HTTP step without a url",
      { steps: [{ id: "a", type: "http_request", config: { method: "GET" } }] },
      "steps.0.config.url",
      undefined,
    ],
    [
      "an HTTP step with an empty url",
      { steps: [{ id: "a", type: "http_request", config: { url: "" } }] },
      "steps.0.config.url",
      "URL is required",
    ],
    [
      "an HTTP step with an unknown method",
      { steps: [{ id: "a", type: "http_request", config: { url: "https://x.test", method: "TRACE" } }] },
      "steps.0.config.method",
      undefined,
    ],
    [
      "an HTTP step with a bad header name",
      { steps: [{ id: "a", type: "http_request", config: { url: "https://x.test", headers: { "bad header": "v" } } }] },
      "steps.0.config.headers.bad header",
      undefined,
    ],
    [
      "a transform without an expression",
      { steps: [{ id: "a", type: "transform", config: { expression: " " } }] },
      "steps.0.config.expression",
      "Expression is required",
    ],
    [
      "a rules step without rules",
      { steps: [{ id: "a", type: "rules", config: { rules: [] } }] },
      "steps.0.config.rules",
      "Add at least one rule",
    ],
    [
      "a record write to a bad collection",
      { steps: [{ id: "a", type: "record_write", config: { collection: "a b", key: "k", data: "1" } }] },
      "steps.0.config.collection",
      "Use letters, digits, _ . and -",
    ],
    [
      "a record update that does not read $current",
      {
        steps: [
          { id: "a", type: "record_write", config: { collection: "c", key: "k", data: "{'n': 1}", mode: "update" } },
        ],
      },
      "steps.0.config.data",
      "In update mode the expression computes the new record from $current (the stored one)",
    ],
    [
      "an LLM prompt without a prompt",
      { steps: [{ id: "a", type: "llm_prompt", config: { prompt: "" } }] },
      "steps.0.config.prompt",
      "Prompt is required",
    ],
    [
      "a notify step without a message",
      { steps: [{ id: "a", type: "notify", config: { conversationKey: "k" } }] },
      "steps.0.config.message",
      undefined,
    ],
    [
      "an unknown field in a step's config",
      { steps: [{ id: "a", type: "transform", config: { expression: "1", extra: true } }] },
      "steps.0.config",
      undefined,
    ],
    ["an unknown field on a step", { steps: [{ ...transform("a"), retries: 2 }] }, "steps.0", undefined],
    ["a step without config", { steps: [{ id: "a", type: "transform" }] }, "steps.0.config", undefined],
    ["a zero timeout", { steps: [{ ...transform("a"), timeoutSeconds: 0 }] }, "steps.0.timeoutSeconds", undefined],
    [
      "a timeout over 600 s",
      { steps: [{ ...transform("a"), timeoutSeconds: 601 }] },
      "steps.0.timeoutSeconds",
      undefined,
    ],
    ["0 attempts", { steps: [], retry: { maxAttempts: 0 } }, "retry.maxAttempts", "At least 1 attempt"],
    ["11 attempts", { steps: [], retry: { maxAttempts: 11 } }, "retry.maxAttempts", "At most 10 attempts"],
    ["fractional attempts", { steps: [], retry: { maxAttempts: 2.5 } }, "retry.maxAttempts", undefined],
    ["a zero backoff", { steps: [], retry: { backoffSeconds: 0 } }, "retry.backoffSeconds", undefined],
    ["a backoff over an hour", { steps: [], retry: { backoffSeconds: 3_601 } }, "retry.backoffSeconds", undefined],
    ["an unknown retry field", { steps: [], retry: { jitter: false } }, "retry", undefined],
    ["a step that is not an object", { steps: ["http"] }, "steps.0", undefined],
    ["steps that is not an array", { steps: transform("a") }, "steps", undefined],
    ["missing steps", {}, "steps", undefined],
    ["an unknown top-level key", { steps: [], trigger: "cron" }, "", undefined],
  ])("rejects %s", (_name, value, path, message) => {
    const issues = issuesOf(value);
    expect(issues.map((issue) => issue.path)).toContain(path);
    if (message) expect(issues).toContainEqual({ path, message });
  });

  it.each([
    ["an unknown type", "log"],
    ["an empty type", ""],
    ["a type with spaces around it", " transform "],
    ["the type's label instead of its name", "Transform"],
  ])("rejects a step with %s", (_name, type) => {
    expect(issuesOf({ steps: [{ id: "a", type, config: { expression: "1" } }] }).map((issue) => issue.path)).toContain(
      "steps.0.type",
    );
  });

  it("accepts the boundaries of the retry policy", () => {
    expect(workflowDefinitionSchema.parse({ steps: [], retry: { maxAttempts: 1, backoffSeconds: 1 } }).retry).toEqual({
      maxAttempts: 1,
      backoffSeconds: 1,
    });
    expect(
      workflowDefinitionSchema.parse({ steps: [], retry: { maxAttempts: 10, backoffSeconds: 3_600 } }).retry,
    ).toEqual({ maxAttempts: 10, backoffSeconds: 3_600 });
  });
});

describe("maxAttemptsOf", () => {
  it.each([
    ['{"steps":[],"retry":{"maxAttempts":7,"backoffSeconds":1}}', 7],
    ['{"steps":[],"retry":{"maxAttempts":1}}', 1],
    ['{"steps":[]}', 3],
    ['{"steps":[],"retry":{"maxAttempts":0}}', 3],
    ['{"steps":[],"retry":{"maxAttempts":"5"}}', 3],
    ['{"steps":[],"retry":null}', 3],
  ])("reads %s as %i", (text, expected) => {
    expect(maxAttemptsOf(text)).toBe(expected);
  });
});

describe("parseStoredDefinition", () => {
  it("parses stored text, filling in defaults", () => {
    expect(
      parseStoredDefinition('{"steps":[{"id":"a","type":"record_read","config":{"collection":"c","key":"k"}}]}'),
    ).toEqual({
      steps: [
        { id: "a", type: "record_read", timeoutSeconds: 30, config: { collection: "c", key: "k", required: false } },
      ],
      retry: { maxAttempts: 3, backoffSeconds: 10 },
    });
  });

  it("reads back what it stored", () => {
    const definition = workflowDefinitionSchema.parse({
      steps: [transform("a"), { id: "b", type: "notify", config: { conversationKey: "k", message: "m\u0000" } }],
    });
    expect(parseStoredDefinition(JSON.stringify(definition))).toEqual(definition);
  });

  it.each([
    ["invalid JSON", "{steps:"],
    ["an invalid definition", '{"steps":[{"id":"a"}]}'],
    ["a step of the old loose format", '{"steps":[{"id":"a","type":"log","level":"info"}]}'],
  ])("throws on %s", (_name, text) => {
    expect(() => parseStoredDefinition(text)).toThrow();
  });
});
