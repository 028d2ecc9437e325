import { evaluateExpression, evaluateJobs } from "../expressions";
import type { StepHandler } from "./step-handler";

// Condition / Rules: every rule whose condition holds adds its score and label (a risk score
// for the fraud-alert use case); `stopWhen` then decides, from that result, whether the run
// ends here. A stop is a success, not a failure: the run simply has nothing more to do.

/** JSONata's own truthiness ($boolean), so a condition means the same here as inside an expression. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === "object") return Object.keys(value).length > 0;
  return false;
}

export type RulesOutput = { score: number; labels: string[]; matched: string[] };

export const rulesStep: StepHandler<"rules"> = {
  type: "rules",
  pure: true,
  async run({ config, context }) {
    // Every condition in one sandbox task; stopWhen needs their result, so it is a second one.
    const values = await evaluateJobs(
      context,
      config.rules.map((rule) => ({ kind: "expression", expression: rule.when })),
    );
    const verdicts = values.map(isTruthy);
    const output: RulesOutput = { score: 0, labels: [], matched: [] };
    config.rules.forEach((rule, index) => {
      if (!verdicts[index]) return;
      output.score += rule.score;
      output.matched.push(rule.name);
      if (rule.label && !output.labels.includes(rule.label)) output.labels.push(rule.label);
    });
    if (!config.stopWhen) return { output };
    const stop = isTruthy(await evaluateExpression(config.stopWhen, context, { output }));
    return { output, stop };
  },
};
