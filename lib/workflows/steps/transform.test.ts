import { describe, expect, it } from "vitest";

import { runContext, servicesWithoutDb } from "@/test/run-context";

import { ExpressionError } from "../expressions";
import { transformConfig } from "./step-schemas";
import { transformStep } from "./transform";

const context = runContext({
  body: { invoice: { id: "inv-1", lines: [{ amount: 40 }, { amount: 60.5 }], currency: "EUR" } },
  steps: { fetch: { status: 200, body: { customer: { id: "c-9", tier: "gold" } } } },
});

async function run(expression: string) {
  return transformStep.run({ config: transformConfig.parse({ expression }), context, services: servicesWithoutDb() });
}

describe("transform step", () => {
  it.each([
    ["$sum(trigger.body.invoice.lines.amount)", 100.5],
    [
      '{"invoice": trigger.body.invoice.id, "customer": steps.fetch.body.customer.id, "total": $sum(trigger.body.invoice.lines.amount)}',
      { invoice: "inv-1", customer: "c-9", total: 100.5 },
    ],
    ["trigger.body.invoice.lines.(amount * 2)", [80, 121]],
    ["steps.fetch.body.customer.tier = 'gold'", true],
    ["trigger.body.nothing", null],
    ["agent.id & '/' & execution.id", "agt_test/run_test"],
  ])("%s", async (expression, output) => {
    expect(await run(expression)).toEqual({ output });
  });

  it("never asks to stop the run", async () => {
    expect((await run("false")).stop).toBeUndefined();
  });

  it("fails permanently on a bad expression, naming it", async () => {
    const error = await run("trigger.body.(").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toContain('"trigger.body.("');
  });
});
