import { describe, expect, it } from "vitest";

import { attemptsLabel, retryingLabel } from "./format-run";

describe("attemptsLabel", () => {
  it.each([
    [{ attempt: 0, maxAttempts: 3, attemptBase: 0 }, "0 of 3"],
    [{ attempt: 2, maxAttempts: 3, attemptBase: 0 }, "2 of 3"],
    // After two failed attempts of a 2-attempt policy and a manual retry.
    [{ attempt: 3, maxAttempts: 4, attemptBase: 2 }, "1 of 2"],
    [{ attempt: 2, maxAttempts: 4, attemptBase: 2 }, "0 of 2"],
    // A worker that died mid-attempt leaves attempt one past the limit.
    [{ attempt: 4, maxAttempts: 3, attemptBase: 0 }, "3 of 3"],
  ])("%j reads %s", (execution, label) => {
    expect(attemptsLabel(execution)).toBe(label);
  });
});

describe("retryingLabel", () => {
  const formatTime = (date: Date) => date.toISOString().slice(11, 19);
  const waiting = {
    status: "queued" as const,
    error: "fetch: HTTP 503",
    attempt: 1,
    maxAttempts: 3,
    attemptBase: 0,
    runAt: "2026-12-01T14:02:10.000Z",
  };

  it("names the next attempt and when it is due", () => {
    expect(retryingLabel({ execution: waiting, now: new Date("2026-12-01T14:01:00Z"), formatTime })).toBe(
      "Retrying — attempt 2 of 3, next at 14:02:10",
    );
  });

  it("leaves out the time once it has come", () => {
    expect(retryingLabel({ execution: waiting, now: new Date("2026-12-01T14:03:00Z"), formatTime })).toBe(
      "Retrying — attempt 2 of 3",
    );
  });

  it("counts from the latest manual retry", () => {
    const execution = { ...waiting, attempt: 3, maxAttempts: 5, attemptBase: 2 };
    expect(retryingLabel({ execution, now: new Date("2026-12-01T14:01:00Z"), formatTime })).toBe(
      "Retrying — attempt 2 of 3, next at 14:02:10",
    );
  });

  it.each([
    { ...waiting, error: null },
    { ...waiting, status: "failed" as const },
    { ...waiting, status: "running" as const },
  ])("is null for a run not waiting for a retry (%j)", (execution) => {
    expect(retryingLabel({ execution, now: new Date("2026-12-01T14:01:00Z"), formatTime })).toBeNull();
  });
});
