import { describe, expect, it } from "vitest";

import { createAdmission } from "./admission";

describe("createAdmission", () => {
  it("admits up to maxInFlight at once and one more after each leave", () => {
    const admission = createAdmission({ maxInFlight: 3 });
    expect([1, 2, 3, 4].map(() => admission.tryEnter())).toEqual([true, true, true, false]);
    admission.leave();
    expect(admission.tryEnter()).toBe(true);
    expect(admission.tryEnter()).toBe(false);
  });

  it("admits again once every request has left", () => {
    const admission = createAdmission({ maxInFlight: 2 });
    admission.tryEnter();
    admission.tryEnter();
    admission.leave();
    admission.leave();
    expect([admission.tryEnter(), admission.tryEnter(), admission.tryEnter()]).toEqual([true, true, false]);
  });
});
