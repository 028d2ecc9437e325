"use client";

import { useState } from "react";

import { AdminsOnly } from "@/components/auth/admins-only";
import { RoleBadge } from "@/components/auth/role-badge";
import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { roleLabels, roles, type Role } from "@/lib/auth/roles";
import { ApiClientError } from "@/lib/client/api-client";
import type { UserDto } from "@/lib/users/user-dto";

import { AddUserDialog } from "./add-user-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { roleSummaries } from "./role-descriptions";
import { useDeleteUser, useUpdateUser, useUsers } from "./use-users";
import { assignableRoles, getUserPermissions } from "./user-permissions";
import { userColumns, UserRow } from "./user-row";

type OpenDialog = { kind: "add" } | { kind: "password"; user: UserDto } | { kind: "remove"; user: UserDto } | null;

/** Admins and owners add people, change their roles, reset passwords and remove them. */
export function UsersPage() {
  const me = useCurrentUser();
  const isAdmin = me.can("admin");
  const users = useUsers({ enabled: isAdmin });
  const updateRole = useUpdateUser();
  const remove = useDeleteUser();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog(null);

  if (me.isPending) return <Loading />;
  if (!me.data || !isAdmin || (users.error instanceof ApiClientError && users.error.status === 403)) {
    return <AdminsOnly />;
  }
  const current = me.data;

  function changeRole(user: UserDto, role: Role) {
    setNotice(null);
    updateRole.mutate(
      { userId: user.id, input: { role } },
      {
        onSuccess: () => setNotice(`${user.email} now has the ${roleLabels[role]} role and was signed out everywhere.`),
      },
    );
  }

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
          <p className="text-sm text-slate-600">Who can sign in to this Workbench, and what each person may do.</p>
        </div>
        <Button onClick={() => setDialog({ kind: "add" })}>Add user</Button>
      </header>

      <RoleLegend />
      <ErrorNotice error={users.error} />
      {updateRole.error ? (
        <ErrorNotice error={new Error(`The role was not changed: ${updateRole.error.message}`)} />
      ) : null}
      {notice && !updateRole.error ? (
        <p role="status" className="text-sm text-green-700">
          {notice}
        </p>
      ) : null}

      <DataTable caption="Users" columns={userColumns} className="rounded-xl shadow-sm">
        {users.data?.map((user) => (
          <UserRow
            key={user.id}
            user={user}
            permissions={getUserPermissions({ me: current, user })}
            roleChanging={updateRole.isPending && updateRole.variables?.userId === user.id}
            onRoleChange={(role) => changeRole(user, role)}
            onResetPassword={() => setDialog({ kind: "password", user })}
            onRemove={() => {
              remove.reset();
              setDialog({ kind: "remove", user });
            }}
          />
        ))}
        {users.isPending ? (
          <TableMessageRow columns={userColumns.length}>
            <span role="status">Loading users…</span>
          </TableMessageRow>
        ) : null}
      </DataTable>

      {dialog?.kind === "add" ? <AddUserDialog roles={assignableRoles(current.role)} onClose={close} /> : null}
      {dialog?.kind === "password" ? (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={close}
          onDone={() => {
            close();
            setNotice(`The password of ${dialog.user.email} was changed and they were signed out everywhere.`);
          }}
        />
      ) : null}
      {dialog?.kind === "remove" ? (
        <ConfirmDialog
          open
          title={`Remove ${dialog.user.email}?`}
          confirmLabel="Remove user"
          pending={remove.isPending}
          error={remove.error}
          onClose={close}
          onConfirm={() => remove.mutate(dialog.user.id, { onSuccess: close })}
        >
          <p>They are signed out everywhere and can no longer sign in. What they did stays in the audit log.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function RoleLegend() {
  return (
    <dl className="grid gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4">
      {roles.map((role) => (
        <div key={role}>
          <dt>
            <RoleBadge role={role} />
          </dt>
          <dd className="mt-1 text-slate-600">{roleSummaries[role]}</dd>
        </div>
      ))}
    </dl>
  );
}
