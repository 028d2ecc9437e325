// A run reads its trigger body back the endpoint's safe way: hostile keys never reach the steps,
// and a body no attempt could read (stored before nesting was bounded) fails the run at once
// with a clear error instead of crashing the worker.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine } from "@/test/engine";

describe.each(providers)("stored trigger bodies on %s", (provider) => {
  const harness = useEngine(provider);
  const { queueTestRun, claimAndRun } = harness;
  const echo = { steps: [{ id: "echo", type: "transform", config: { expression: "trigger.body" } }] };

  async function withStoredInput(text: string) {
    const { executionId } = await queueTestRun(echo);
    await harness.database.db.execution.update({ where: { id: executionId }, data: { input: text } });
    return executionId;
  }

  it("drops __proto__ and constructor.prototype keys before any step sees the body", async () => {
    const executionId = await withStoredInput(
      '{"body":{"keep":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},"headers":{}}',
    );
    expect(await claimAndRun("worker-a")).toBe("succeeded");
    const [step] = await harness.database.db.stepRun.findMany({ where: { executionId } });
    expect(JSON.parse(step.output ?? "null")).toEqual({ keep: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("fails a run whose stored body nests deeper than 64 levels, without retrying it", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const executionId = await withStoredInput(`{"body":${deep},"headers":{}}`);
    expect(await claimAndRun("worker-a")).toBe("failed");
    const run = await harness.database.db.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(run).toMatchObject({ status: "failed", error: expect.stringContaining("deeper than 64 levels") });
  });
});
