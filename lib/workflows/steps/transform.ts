import { evaluateExpression } from "../expressions";
import type { StepHandler } from "./step-handler";

/** Transform: the value of one JSONata expression over the run's context becomes the step's output. */
export const transformStep: StepHandler<"transform"> = {
  type: "transform",
  pure: true,
  async run({ config, context }) {
    return { output: await evaluateExpression(config.expression, context) };
  },
};
