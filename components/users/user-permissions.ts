import { hasRole, roles, type Role } from "@/lib/auth/roles";

/** Pure: what the signed-in admin or owner may do to one user, after the rules the API enforces. */
export function getUserPermissions(opts: { me: { id: string; role: Role }; user: { id: string; role: Role } }) {
  const { me, user } = opts;
  const isSelf = me.id === user.id;
  // Only owners manage owners.
  const canManage = hasRole(me.role, "admin") && (user.role !== "owner" || me.role === "owner");
  return {
    isSelf,
    // A new role ends the user's sessions; changing one's own would sign oneself out mid-task.
    canChangeRole: canManage && !isSelf,
    canResetPassword: canManage,
    canRemove: canManage && !isSelf,
    assignableRoles: assignableRoles(me.role),
    reason: !canManage
      ? "Only owners can manage owners"
      : isSelf
        ? "Another admin or owner can change your role"
        : null,
  };
}

/** The roles this user may give others: owners may make owners, admins everything below. */
export function assignableRoles(myRole: Role): Role[] {
  return roles.filter((role) => role !== "owner" || myRole === "owner");
}
