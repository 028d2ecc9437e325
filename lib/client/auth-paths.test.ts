import { describe, expect, it } from "vitest";

import { isAuthPage, loginPath, safeNextPath } from "./auth-paths";

describe("safeNextPath", () => {
  it.each([
    ["/agents/a1/triggers?tab=x", "/agents/a1/triggers?tab=x"],
    ["/users", "/users"],
    [null, "/agents"],
    ["", "/agents"],
    ["/", "/agents"],
    ["https://evil.example/", "/agents"],
    ["//evil.example/path", "/agents"],
    ["/\\evil.example", "/agents"],
    ["/login?next=/agents", "/agents"],
    ["/setup", "/agents"],
  ])("%j -> %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe("loginPath", () => {
  it("comes back to the page afterwards", () => {
    expect(loginPath("/agents/a1/data")).toBe("/login?next=%2Fagents%2Fa1%2Fdata");
  });
  it("leaves next out when it would be the default or unsafe", () => {
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("//evil.example")).toBe("/login");
    expect(loginPath()).toBe("/login");
  });
});

describe("isAuthPage", () => {
  it.each([
    ["/login", true],
    ["/setup", true],
    ["/login/x", true],
    ["/loginx", false],
    ["/agents", false],
  ])("%s -> %s", (pathname, expected) => {
    expect(isAuthPage(pathname)).toBe(expected);
  });
});
