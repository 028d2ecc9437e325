"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/text-field";
import { roleLabels, type Role } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/client/format-date-time";
import type { UserDto } from "@/lib/users/user-dto";

import type { getUserPermissions } from "./user-permissions";

export const userColumns = ["Name", "Email", "Role", "Created", ""] as const;

type Props = {
  user: UserDto;
  permissions: ReturnType<typeof getUserPermissions>;
  roleChanging: boolean;
  onRoleChange: (role: Role) => void;
  onResetPassword: () => void;
  onRemove: () => void;
};

export function UserRow({ user, permissions, roleChanging, onRoleChange, onResetPassword, onRemove }: Props) {
  // A user whose role this admin may not give still shows it.
  const options = permissions.assignableRoles.includes(user.role)
    ? permissions.assignableRoles
    : [...permissions.assignableRoles, user.role];
  return (
    <tr className="align-middle">
      <td className="px-4 py-3 font-medium whitespace-nowrap text-slate-900">
        <span className="flex items-center gap-2">
          {user.name || <span className="text-slate-400">No name</span>}
          {permissions.isSelf ? <Badge tone="indigo">You</Badge> : null}
        </span>
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-700">{user.email}</td>
      <td className="px-4 py-2">
        <select
          aria-label={`Role of ${user.email}`}
          title={permissions.reason ?? undefined}
          value={user.role}
          disabled={!permissions.canChangeRole || roleChanging}
          onChange={(event) => onRoleChange(event.target.value as Role)}
          className={`${inputClass} w-32 bg-white py-1.5 pr-8 disabled:bg-slate-50 disabled:text-slate-500`}
        >
          {options.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(user.createdAt)}</td>
      <td className="px-4 py-2 text-right whitespace-nowrap">
        {permissions.canResetPassword ? (
          <Button
            variant="ghost"
            className="shadow-none!"
            aria-label={`Reset password for ${user.email}`}
            onClick={onResetPassword}
          >
            Reset password
          </Button>
        ) : null}
        {permissions.canRemove ? (
          <Button
            variant="ghost"
            className="text-red-700! shadow-none!"
            aria-label={`Remove ${user.email}`}
            onClick={onRemove}
          >
            Remove
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
