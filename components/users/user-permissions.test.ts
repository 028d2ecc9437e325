import { describe, expect, it } from "vitest";

import { assignableRoles, getUserPermissions } from "./user-permissions";

const owner = { id: "u_owner", role: "owner" as const };
const admin = { id: "u_admin", role: "admin" as const };

describe("getUserPermissions", () => {
  it.each([
    [
      "an owner, another owner",
      owner,
      { id: "u2", role: "owner" as const },
      { canChangeRole: true, canResetPassword: true, canRemove: true },
    ],
    [
      "an owner, a viewer",
      owner,
      { id: "u2", role: "viewer" as const },
      { canChangeRole: true, canResetPassword: true, canRemove: true },
    ],
    [
      "an admin, an owner",
      admin,
      { id: "u2", role: "owner" as const },
      { canChangeRole: false, canResetPassword: false, canRemove: false },
    ],
    [
      "an admin, a builder",
      admin,
      { id: "u2", role: "builder" as const },
      { canChangeRole: true, canResetPassword: true, canRemove: true },
    ],
    ["an owner, themselves", owner, owner, { canChangeRole: false, canResetPassword: true, canRemove: false }],
    ["an admin, themselves", admin, admin, { canChangeRole: false, canResetPassword: true, canRemove: false }],
  ])("%s", (_name, me, user, expected) => {
    expect(getUserPermissions({ me, user })).toMatchObject(expected);
  });

  it("says why a control is off", () => {
    expect(getUserPermissions({ me: admin, user: { id: "u2", role: "owner" } }).reason).toBe(
      "Only owners can manage owners",
    );
    expect(getUserPermissions({ me: owner, user: owner }).reason).toMatch(/your role/);
    expect(getUserPermissions({ me: owner, user: { id: "u2", role: "admin" } }).reason).toBeNull();
  });
});

describe("assignableRoles", () => {
  it("lets only owners make owners", () => {
    expect(assignableRoles("owner")).toEqual(["viewer", "builder", "admin", "owner"]);
    expect(assignableRoles("admin")).toEqual(["viewer", "builder", "admin"]);
  });
});
