import { describe, expect, it } from "vitest";

import { findWorkflowTemplate } from "./templates";
import { findTriggerBodyPaths } from "./trigger-body-paths";

const step = (config: Record<string, unknown>) => ({ id: "s", type: "transform" as const, config });

describe("findTriggerBodyPaths", () => {
  it.each([
    ["a {{ }} template", { url: "https://x.test/{{ trigger.body.documentId }}" }, ["documentId"]],
    ["a JSONata expression", { expression: "trigger.body.amount * 100" }, ["amount"]],
    [
      "nested paths",
      { expression: "trigger.body.customer.email & trigger.body.customer.name" },
      ["customer.email", "customer.name"],
    ],
    ["backquoted names", { expression: "trigger.body.`order id`" }, ["order id"]],
    [
      "values in arrays and objects",
      { headers: { A: "{{ trigger.body.a }}" }, list: ["{{ trigger.body.b }}"] },
      ["a", "b"],
    ],
    ["the whole body only", { expression: "trigger.body" }, []],
    ["other roots", { expression: "steps.fetch.body.id & trigger.headers.host" }, []],
  ])("finds the paths in %s", (_case, config, paths) => {
    expect(findTriggerBodyPaths({ steps: [step(config)] })).toEqual(paths);
  });

  it("lists each path once, as its longest form, in order of first use", () => {
    const steps = [
      step({ expression: "trigger.body.customer" }),
      step({ expression: "trigger.body.amount > 10 and trigger.body.customer.id" }),
      step({ text: "{{ trigger.body.amount }}" }),
    ];
    expect(findTriggerBodyPaths({ steps })).toEqual(["amount", "customer.id"]);
  });

  it("finds the fields the document template reads, all present in its sample body", () => {
    const template = findWorkflowTemplate("document-processing")!;
    const paths = findTriggerBodyPaths(template.definition);
    expect(paths).toEqual(["documentId", "fileName", "pageCount", "completedAt"]);
    for (const path of paths) expect(template.sampleBody).toHaveProperty(path.split("."));
  });
});
