import { describe, expect, it } from "vitest";

import { findExpressionError } from "./expression-syntax";
import { workflowTemplates } from "./templates";
import { findTriggerBodyPaths } from "./trigger-body-paths";
import { workflowDefinitionSchema, type WorkflowStep } from "./workflow-definition";

// Fields that are JSONata expressions themselves; every other string may hold {{ … }} templates.
const expressionKeys = new Set(["expression", "when", "stopWhen"]);

/** Every expression of a step with where it sits: whole-expression fields and each {{ … }} part. */
function stepExpressions(step: WorkflowStep): { where: string; expression: string }[] {
  const found: { where: string; expression: string }[] = [];
  const walk = (value: unknown, where: string, key: string) => {
    if (typeof value === "string") {
      const isExpression =
        expressionKeys.has(key) || (step.type === "record_write" && where === `${step.id}.config.data`);
      if (isExpression) found.push({ where, expression: value });
      else for (const part of value.matchAll(/\{\{([\s\S]+?)\}\}/g)) found.push({ where, expression: part[1].trim() });
    } else if (value && typeof value === "object") {
      for (const [childKey, child] of Object.entries(value)) walk(child, `${where}.${childKey}`, childKey);
    }
  };
  walk(step.config, `${step.id}.config`, "config");
  return found;
}

describe.each(workflowTemplates.map((template) => [template.name, template] as const))(
  "template %s",
  (_name, template) => {
    const parsed = workflowDefinitionSchema.safeParse(template.definition);

    it("parses as a workflow definition", () => {
      expect(parsed.error?.issues ?? []).toEqual([]);
    });

    it("has unique step ids", () => {
      const ids = template.definition.steps.map((step) => step.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("has no expression with a syntax error", () => {
      const steps = parsed.data?.steps ?? [];
      const expressions = steps.flatMap(stepExpressions);
      expect(expressions.length).toBeGreaterThan(0);
      const errors = expressions
        .map(({ where, expression }) => ({ where, error: findExpressionError(expression) }))
        .filter((item) => item.error);
      expect(errors).toEqual([]);
    });

    it("reads only the outputs of earlier steps", () => {
      const steps = parsed.data?.steps ?? [];
      steps.forEach((step, index) => {
        const earlier = new Set(steps.slice(0, index).map((previous) => previous.id));
        const referenced = [...JSON.stringify(step.config).matchAll(/steps\.(\w+)/g)].map((match) => match[1]);
        expect(
          referenced.filter((id) => !earlier.has(id)),
          `step ${step.id}`,
        ).toEqual([]);
      });
    });

    it("has a JSON object as its sample body", () => {
      expect(template.sampleBody).toBeTypeOf("object");
      // Test run and Send Test Event send it: every field the steps read must be in it.
      const missing = findTriggerBodyPaths(template.definition).filter((path) => {
        let value: unknown = template.sampleBody;
        for (const key of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
        return value === undefined;
      });
      expect(missing).toEqual([]);
      expect(JSON.parse(JSON.stringify(template.sampleBody))).toEqual(template.sampleBody);
    });
  },
);

it("has the five use cases with distinct ids", () => {
  expect(workflowTemplates.map((template) => template.name)).toEqual([
    "Document processing completion",
    "CRM client update",
    "Fraud alert",
    "Helpdesk ticket update",
    "Payment processed",
  ]);
  expect(new Set(workflowTemplates.map((template) => template.id)).size).toBe(5);
});
