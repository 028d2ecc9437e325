// WORKFLOW_STEP_MAX_OUTPUT_BYTES holds for every step: an HTTP response that fits the response cap
// but not the output cap, and a Transform whose result is too large (measured in its thread), both
// fail the step permanently, naming the size, with nothing stored as output.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine } from "@/test/engine";
import { sendJson } from "@/test/local-server";

const maxBytes = 10_000;
const tooLarge = new RegExp(
  `^big: Step output is too large: at least \\d+ bytes of JSON, where at most ${maxBytes} are allowed \\(WORKFLOW_STEP_MAX_OUTPUT_BYTES\\)$`,
);

describe.each(providers)("step output limit on %s", (provider) => {
  const harness = useEngine(provider, { env: { WORKFLOW_STEP_MAX_OUTPUT_BYTES: String(maxBytes) } });

  async function runToFailure(step: unknown) {
    const { executionId } = await harness.queueTestRun({ steps: [step], retry: { maxAttempts: 3, backoffSeconds: 1 } });
    expect(await harness.claimAndRun("w")).toBe("failed");
    const { db } = harness.database;
    const execution = await db.execution.findUniqueOrThrow({ where: { id: executionId }, include: { stepRuns: true } });
    expect(execution.attempt).toBe(1);
    expect(execution.error).toMatch(tooLarge);
    expect(execution.stepRuns).toMatchObject([{ stepId: "big", status: "failed", output: null }]);
  }

  it("fails an HTTP Request step whose response makes too large an output", async () => {
    const server = await harness.startServer((_request, response) =>
      sendJson(response, 200, { text: "x".repeat(20_000) }),
    );
    await runToFailure({ id: "big", type: "http_request", config: { url: `${server.origin}/big` } });
  });

  it("fails a Transform whose result is too large", async () => {
    await runToFailure({ id: "big", type: "transform", config: { expression: "$pad('', 20000, 'x')" } });
  });

  it("keeps a result just within the limit", async () => {
    const { executionId } = await harness.queueTestRun({
      steps: [{ id: "fits", type: "transform", config: { expression: "$pad('', 9000, 'x')" } }],
    });
    expect(await harness.claimAndRun("w")).toBe("succeeded");
    const step = await harness.database.db.stepRun.findFirstOrThrow({ where: { executionId } });
    expect(JSON.parse(step.output ?? "null")).toHaveLength(9000);
  });
});
