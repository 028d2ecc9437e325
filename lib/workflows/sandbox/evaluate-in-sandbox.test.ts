// The sandbox with real pool threads: the three runaway expressions fail their step with
// the promised message (and the pool keeps working afterwards); well-behaved ones are covered by
// expressions.test.ts and the step tests, which go through the same threads.
import { afterAll, describe, expect, it } from "vitest";

import { PermanentStepError } from "../steps/step-handler";
import { evaluateInSandbox, type SandboxJob } from "./evaluate-in-sandbox";
import { closeSandboxPool } from "./sandbox-pool";
import { runInStepScope, startStepScope, type StepScope } from "./step-limits";

afterAll(() => closeSandboxPool());

const context = { trigger: { body: { text: `${"a".repeat(29)}!` } } };
const recursion = "($f := function($x){ $f($x) }; $f(1))";
const backtracking = "$match(trigger.body.text, /(a+)+$/)";
const hungry = "$count([1..10000000].($string($)))";

function stepScope(timeoutSeconds: number, other = new AbortController()): StepScope {
  return startStepScope({ timeoutSeconds, stopSignals: [other.signal] });
}

function evaluateInStep(scope: StepScope, jobs: SandboxJob[]) {
  return runInStepScope(scope, () => evaluateInSandbox({ context, jobs })).catch((error: unknown) => error);
}

const expression = (text: string): SandboxJob => ({ kind: "expression", expression: text });

describe("runaway expressions", () => {
  it.each([recursion, backtracking])("%s fails its step with the step's timeout", async (text) => {
    const scope = stepScope(2);
    const error = await evaluateInStep(scope, [expression(text)]);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("Step timed out after 2 s");
    expect(scope.timedOutInSandbox()).toBe(true);
    expect(await evaluateInSandbox({ context, jobs: [expression("1 + 1")] })).toEqual([2]);
  });

  it(`${hungry} fails its step for memory`, async () => {
    const error = await evaluateInStep(stepScope(60), [expression(hungry)]);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("Step used more than 256 MB");
    expect(await evaluateInSandbox({ context, jobs: [expression("$uppercase('ok')")] })).toEqual(["OK"]);
  });

  it("a template holding a runaway expression times out the same way", async () => {
    const error = await evaluateInStep(stepScope(1), [{ kind: "text", template: `key-{{ ${recursion} }}` }]);
    expect((error as Error).message).toBe("Step timed out after 1 s");
  });

  it("a step that times out only waiting for a thread (others' runaways hold them all) fails retryably", async () => {
    const runaway = [stepScope(3), stepScope(3)].map((scope) => evaluateInStep(scope, [expression(recursion)]));
    const waiting = stepScope(1);
    const error = await evaluateInStep(waiting, [expression("1 + 1")]);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("Step timed out after 1 s");
    expect(waiting.timedOutInSandbox()).toBe(false);
    for (const failed of await Promise.all(runaway)) expect(failed).toBeInstanceOf(PermanentStepError);
  });

  it("a shutdown (not the timeout) hands back its own reason, not a step failure", async () => {
    const shutdown = new AbortController();
    const scope = stepScope(30, shutdown);
    const pending = evaluateInStep(scope, [expression(recursion)]);
    setTimeout(() => shutdown.abort(new Error("The worker is shutting down")), 200);
    const error = await pending;
    expect(error).not.toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("The worker is shutting down");
    expect(scope.timedOutInSandbox()).toBe(false);
  });
});

describe("results", () => {
  it("answers every job of one task in order", async () => {
    const results = await evaluateInSandbox({
      context: { n: 2, name: "Ada" },
      jobs: [
        expression("n * 21"),
        { kind: "expression", expression: "$x + n", bindings: { x: 1 } },
        { kind: "template", template: "{{ n }}" },
        { kind: "text", template: "{{ name }} has {{ n }}" },
        { kind: "value", value: { a: ["{{ name }}", 3], b: "{{ {'n': n} }}" } },
      ],
    });
    expect(results).toEqual([42, 3, 2, "Ada has 2", { a: ["Ada", 3], b: { n: 2 } }]);
  });

  it.each([
    ["a huge array", "[1..300000].('aaaaaaaaaa')"],
    ["a huge string", "$pad('', 3000000, 'x')"],
  ])("refuses %s past WORKFLOW_STEP_MAX_OUTPUT_BYTES, naming the size", async (_what, text) => {
    const error = await evaluateInStep(stepScope(30), [expression(text)]);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toMatch(
      /^Step output is too large: at least \d+ bytes of JSON, where at most 2097152 are allowed \(WORKFLOW_STEP_MAX_OUTPUT_BYTES\)$/,
    );
  });
});
