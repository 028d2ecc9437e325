import { afterEach, describe, expect, it } from "vitest";

import { createAdmission, mayAdmit, type Admission } from "./admission";

const limits = { maxInFlight: 3, maxEventLoopDelayMs: 100 };

describe("mayAdmit", () => {
  it.each([
    ["below both limits", 0, 0, true],
    ["one below the in-flight bound", 2, 0, true],
    ["at the in-flight bound", 3, 0, false],
    ["the loop at the delay limit", 0, 100, true],
    ["the loop past the delay limit", 0, 101, false],
  ])("%s", (_name, inFlight, eventLoopDelayMs, expected) => {
    expect(mayAdmit({ ...limits, inFlight, eventLoopDelayMs })).toBe(expected);
  });
});

describe("createAdmission", () => {
  let admission: Admission | undefined;
  afterEach(() => admission?.stop());

  it("admits up to maxInFlight at once and one more after each leave", () => {
    admission = createAdmission(limits);
    expect([1, 2, 3, 4].map(() => admission!.tryEnter())).toEqual([true, true, true, false]);
    admission.leave();
    expect(admission.tryEnter()).toBe(true);
    expect(admission.tryEnter()).toBe(false);
  });

  it("refuses while the event loop was just blocked past the limit, and admits again after", async () => {
    admission = createAdmission({ maxInFlight: 100, maxEventLoopDelayMs: 50 });
    const until = performance.now() + 200;
    while (performance.now() < until); // block the loop well past the limit
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(admission.tryEnter()).toBe(false);
    // A later sample sees an idle loop (polled: a busy test machine may stall it briefly too).
    let admitted = false;
    for (let i = 0; i < 50 && !admitted; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      admitted = admission.tryEnter();
    }
    expect(admitted).toBe(true);
  });
});
