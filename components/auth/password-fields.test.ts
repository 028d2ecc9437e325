import { describe, expect, it } from "vitest";

import { newPasswordProblems } from "./password-fields";

describe("newPasswordProblems", () => {
  it("accepts a long enough password typed the same twice", () => {
    expect(newPasswordProblems({ password: "correct horse", confirm: "correct horse" })).toEqual({});
  });
  it("names a short password and a confirmation that differs", () => {
    const problems = newPasswordProblems({ password: "short", confirm: "shorter" });
    expect(problems.password).toMatch(/at least 10/i);
    expect(problems.confirm).toBe("The passwords do not match");
  });
});
