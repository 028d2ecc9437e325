import { describe, expect, it } from "vitest";
import { emptyWorkflowDefinition, parseStoredDefinition, workflowDefinitionSchema } from "./workflow-definition";

const steps = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `s${i}`, type: "http" }));

describe("workflowDefinitionSchema", () => {
  it("accepts the empty definition", () => {
    expect(workflowDefinitionSchema.parse(emptyWorkflowDefinition)).toEqual({ steps: [] });
  });

  it("keeps a step's own fields and trims its id and type", () => {
    const parsed = workflowDefinitionSchema.parse({ steps: [{ id: " fetch ", type: " http ", url: "https://example.com", retries: 2 }] });
    expect(parsed.steps).toEqual([{ id: "fetch", type: "http", url: "https://example.com", retries: 2 }]);
  });

  it("accepts exactly 100 steps", () => {
    expect(workflowDefinitionSchema.parse({ steps: steps(100) }).steps).toHaveLength(100);
  });

  it.each([
    ["more than 100 steps", { steps: steps(101) }, "A workflow has at most 100 steps"],
    ["duplicate step ids", { steps: [{ id: "a", type: "x" }, { id: "a", type: "y" }] }, "Step ids must be unique"],
    ["ids equal after trimming", { steps: [{ id: "a", type: "x" }, { id: " a", type: "y" }] }, "Step ids must be unique"],
    ["an empty step id", { steps: [{ id: "  ", type: "x" }] }, "Step id is required"],
    ["an empty step type", { steps: [{ id: "a", type: "" }] }, "Step type is required"],
    ["a step id over 64 characters", { steps: [{ id: "x".repeat(65), type: "x" }] }, undefined],
    ["a step that is not an object", { steps: ["http"] }, undefined],
    ["steps that is not an array", { steps: { id: "a", type: "x" } }, undefined],
    ["missing steps", {}, undefined],
    ["an unknown top-level key", { steps: [], trigger: "cron" }, undefined],
  ])("rejects %s", (_name, value, message) => {
    const result = workflowDefinitionSchema.safeParse(value);
    expect(result.success).toBe(false);
    if (message) expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it("reports duplicate ids on the steps field", () => {
    const result = workflowDefinitionSchema.safeParse({ steps: [{ id: "a", type: "x" }, { id: "a", type: "x" }] });
    expect(result.error?.issues[0].path).toEqual(["steps"]);
  });
});

describe("parseStoredDefinition", () => {
  it("parses stored text", () => {
    expect(parseStoredDefinition('{"steps":[{"id":"a","type":"log","level":"info"}]}')).toEqual({
      steps: [{ id: "a", type: "log", level: "info" }],
    });
  });

  it.each([
    ["invalid JSON", "{steps:"],
    ["an invalid definition", '{"steps":[{"id":"a"}]}'],
  ])("throws on %s", (_name, text) => {
    expect(() => parseStoredDefinition(text)).toThrow();
  });
});
