import { describe, expect, it } from "vitest";

import { runContext, servicesWithoutDb } from "@/test/run-context";

import { isTruthy, rulesStep } from "./rules";
import { PermanentStepError } from "./step-handler";
import { rulesConfig } from "./step-schemas";

// The fraud-alert use case: rules over a payment score it, and the run stops when it is low risk.
const fraudRules = [
  { name: "Large amount", when: "trigger.body.amount > 1000", score: 40, label: "large" },
  { name: "New account", when: "trigger.body.accountAgeDays < 30", score: 30, label: "new-account" },
  {
    name: "Foreign card",
    when: "trigger.body.cardCountry != trigger.body.ipCountry",
    score: 25,
    label: "geo-mismatch",
  },
  { name: "Trusted customer", when: "trigger.body.customer.trusted", score: -50 },
  { name: "Blocked country", when: "trigger.body.ipCountry in ['XX', 'YY']", score: 100, label: "large" },
];

async function run(body: unknown, stopWhen?: string) {
  const config = rulesConfig.parse({ rules: fraudRules, ...(stopWhen ? { stopWhen } : {}) });
  return rulesStep.run({ config, context: runContext({ body }), services: servicesWithoutDb() });
}

describe("rules step", () => {
  it.each([
    [
      "no rule matches",
      { amount: 10, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" },
      { score: 0, labels: [], matched: [] },
    ],
    [
      "one rule",
      { amount: 5000, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" },
      { score: 40, labels: ["large"], matched: ["Large amount"] },
    ],
    [
      "several rules, in rule order",
      { amount: 5000, accountAgeDays: 3, cardCountry: "FR", ipCountry: "BR" },
      {
        score: 95,
        labels: ["large", "new-account", "geo-mismatch"],
        matched: ["Large amount", "New account", "Foreign card"],
      },
    ],
    [
      "a negative score, and no label",
      { amount: 5000, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR", customer: { trusted: true } },
      { score: -10, labels: ["large"], matched: ["Large amount", "Trusted customer"] },
    ],
    [
      "a label given by two rules appears once",
      { amount: 5000, accountAgeDays: 400, cardCountry: "XX", ipCountry: "XX" },
      { score: 140, labels: ["large"], matched: ["Large amount", "Blocked country"] },
    ],
    ["a missing field is not a match", { cardCountry: "FR", ipCountry: "FR" }, { score: 0, labels: [], matched: [] }],
  ])("%s", async (_name, body, output) => {
    expect(await run(body)).toEqual({ output });
  });

  it.each([
    ["$output.score < 50", { amount: 10, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" }, true],
    ["$output.score < 50", { amount: 5000, accountAgeDays: 3, cardCountry: "FR", ipCountry: "BR" }, false],
    ["'large' in $output.labels", { amount: 5000, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" }, true],
    [
      "$count($output.matched) = 0 and trigger.body.amount < 100",
      { amount: 10, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" },
      true,
    ],
    ["$output.matched", { amount: 10, accountAgeDays: 400, cardCountry: "FR", ipCountry: "FR" }, false],
  ])("stopWhen %s", async (stopWhen, body, stop) => {
    const result = await run(body, stopWhen);
    expect(result.stop).toBe(stop);
  });

  it("does not decide about stopping without stopWhen", async () => {
    expect((await run({ amount: 1 })).stop).toBeUndefined();
  });

  it("fails permanently on a bad condition, naming it", async () => {
    const config = rulesConfig.parse({ rules: [{ name: "Broken", when: "trigger.body.amount >" }] });
    const error = await rulesStep
      .run({ config, context: runContext(), services: servicesWithoutDb() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toContain('"trigger.body.amount >"');
  });
});

describe("isTruthy follows JSONata's $boolean", () => {
  it.each([
    [null, false],
    [true, true],
    [false, false],
    [0, false],
    [-1, true],
    ["", false],
    ["false", true],
    [[], false],
    [[false, 0], false],
    [[false, 1], true],
    [{}, false],
    [{ a: 1 }, true],
  ])("%j → %s", (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});
