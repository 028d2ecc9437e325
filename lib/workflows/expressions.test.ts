import { describe, expect, it } from "vitest";

import { findExpressionError } from "./expression-syntax";
import { evaluateExpression, ExpressionError, renderTemplate, renderText, renderValue } from "./expressions";
import { PermanentStepError } from "./steps/step-handler";

const context = {
  trigger: {
    body: {
      documentId: "doc-7",
      amount: 120.5,
      items: [
        { sku: "a", qty: 2 },
        { sku: "b", qty: 3 },
      ],
      customer: { name: "Ada", vip: true },
    },
    headers: {},
  },
  steps: { fetch: { status: 200, body: { summary: "Short" } } },
  agent: { id: "agt_1", name: "Agent" },
};

describe("evaluateExpression", () => {
  it.each([
    ["trigger.body.documentId", "doc-7"],
    ["trigger.body.amount * 2", 241],
    ["$sum(trigger.body.items.qty)", 5],
    ["trigger.body.items.sku", ["a", "b"]],
    ["trigger.body.items[qty > 2].sku", "b"],
    ["steps.fetch.body.summary & '!'", "Short!"],
    ["trigger.body.customer.vip and trigger.body.amount > 100", true],
    ['{"id": trigger.body.documentId, "total": trigger.body.amount}', { id: "doc-7", total: 120.5 }],
    ["trigger.body.missing", null],
    ["$uppercase(agent.name)", "AGENT"],
  ])("%s", async (expression, expected) => {
    expect(await evaluateExpression(expression, context)).toEqual(expected);
  });

  it("returns plain arrays, not JSONata sequences", async () => {
    const result = await evaluateExpression("trigger.body.items.sku", context);
    expect(Array.isArray(result)).toBe(true);
    expect(Object.keys(result as object)).toEqual(["0", "1"]);
  });

  it("passes bindings as $variables", async () => {
    expect(await evaluateExpression("$output.score < 50", {}, { output: { score: 40 } })).toBe(true);
    expect(await evaluateExpression("$output.score < 50", {}, { output: { score: 60 } })).toBe(false);
  });

  it("names the expression in a syntax error, and the error is permanent", async () => {
    const error = await evaluateExpression("trigger.body.(", context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toMatch(/^Expression "trigger\.body\.\(" failed: /);
  });

  it("names the expression in a run-time error", async () => {
    await expect(evaluateExpression("$number('abc') + $notAFunction()", context)).rejects.toThrow(
      /^Expression "\$number\('abc'\) \+ \$notAFunction\(\)" failed: /,
    );
  });

  it("shows the message of the expression's own $error as written, as a permanent error", async () => {
    const error = await evaluateExpression('$error("Payment currency " & trigger.body.currency & " is refused")', {
      trigger: { body: { currency: "USD" } },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("Payment currency USD is refused");
  });

  it("shortens a long expression in its error", async () => {
    const long = `${"trigger.body.amount + ".repeat(10)}(`;
    const error = (await evaluateExpression(long, context).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/^Expression "trigger\.body\.amount \+ .{50,}…" failed/);
    expect(error.message).not.toContain(long);
  });

  it("findExpressionError reports syntax only", () => {
    expect(findExpressionError("trigger.body.amount > 10")).toBeNull();
    expect(findExpressionError("trigger.body.(")).toEqual(expect.any(String));
  });
});

describe("renderTemplate", () => {
  it.each([
    ["{{ trigger.body.amount }}", 120.5],
    ["  {{ trigger.body.customer.vip }}  ", true],
    [
      "{{ trigger.body.items }}",
      [
        { sku: "a", qty: 2 },
        { sku: "b", qty: 3 },
      ],
    ],
    ["{{ trigger.body.missing }}", null],
    ["Document {{ trigger.body.documentId }} costs {{ trigger.body.amount }}", "Document doc-7 costs 120.5"],
    ["Customer: {{ trigger.body.customer }}", 'Customer: {"name":"Ada","vip":true}'],
    ["[{{ trigger.body.missing }}]", "[]"],
    ["no templates here", "no templates here"],
    ["{{ trigger.body.documentId }}/{{ trigger.body.documentId }}", "doc-7/doc-7"],
    ["multi\n{{ $count(\n trigger.body.items\n) }}\nline", "multi\n2\nline"],
  ])("%j", async (template, expected) => {
    expect(await renderTemplate(template, context)).toEqual(expected);
  });

  it("fails with the failing part named", async () => {
    await expect(renderTemplate("Hello {{ trigger.( }}", context)).rejects.toThrow(/^Expression "trigger\.\(" failed/);
  });
});

describe("renderText", () => {
  it.each([
    ["{{ trigger.body.amount }}", "120.5"],
    ["{{ trigger.body.missing }}", ""],
    ["{{ trigger.body.customer }}", '{"name":"Ada","vip":true}'],
    ["https://api.example.com/docs/{{ trigger.body.documentId }}", "https://api.example.com/docs/doc-7"],
  ])("%j", async (template, expected) => {
    expect(await renderText(template, context)).toBe(expected);
  });
});

describe("renderValue", () => {
  it("renders strings at any depth and keeps other values", async () => {
    const value = {
      id: "{{ trigger.body.documentId }}",
      total: "{{ trigger.body.amount }}",
      note: "for {{ trigger.body.customer.name }}",
      fixed: 3,
      flag: false,
      nothing: null,
      nested: { skus: ["{{ trigger.body.items.sku }}", "literal"], deep: [{ vip: "{{ trigger.body.customer.vip }}" }] },
    };
    expect(await renderValue(value, context)).toEqual({
      id: "doc-7",
      total: 120.5,
      note: "for Ada",
      fixed: 3,
      flag: false,
      nothing: null,
      nested: { skus: [["a", "b"], "literal"], deep: [{ vip: true }] },
    });
  });

  it("does not change the value it was given", async () => {
    const value = { a: ["{{ trigger.body.amount }}"] };
    await renderValue(value, context);
    expect(value).toEqual({ a: ["{{ trigger.body.amount }}"] });
  });
});
