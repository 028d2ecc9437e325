import { describe, expect, it } from "vitest";

import { startStepScope } from "./step-limits";

// The scope's own timer and links: what a finished step must let go of (see startStepScope).
describe("startStepScope", () => {
  it("aborts both signals on its timeout, with a TimeoutError the outbound client recognises", async () => {
    const scope = startStepScope({ timeoutSeconds: 0.02, stopSignals: [] });
    await new Promise((resolve) => scope.signal.addEventListener("abort", resolve));
    expect(scope.timeout.aborted).toBe(true);
    expect((scope.signal.reason as Error).name).toBe("TimeoutError");
    scope.end();
  });

  it("aborts its signal, not its timeout, when a stop signal aborts", () => {
    const shutdown = new AbortController();
    const scope = startStepScope({ timeoutSeconds: 30, stopSignals: [shutdown.signal] });
    shutdown.abort(new Error("shutting down"));
    expect(scope.signal.reason).toEqual(new Error("shutting down"));
    expect(scope.timeout.aborted).toBe(false);
    scope.end();
  });

  it("starts aborted when a stop signal already is", () => {
    const lost = new AbortController();
    lost.abort(new Error("lease lost"));
    const scope = startStepScope({ timeoutSeconds: 30, stopSignals: [lost.signal] });
    expect(scope.signal.aborted).toBe(true);
    scope.end();
  });

  it("after end(), neither the timer nor a later stop reaches it", async () => {
    const shutdown = new AbortController();
    const scope = startStepScope({ timeoutSeconds: 0.02, stopSignals: [shutdown.signal] });
    scope.end();
    await new Promise((resolve) => setTimeout(resolve, 60));
    shutdown.abort(new Error("later"));
    expect(scope.timeout.aborted).toBe(false);
    expect(scope.signal.aborted).toBe(false);
  });
});
