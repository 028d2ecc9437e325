"use client";

import { useState, type FormEvent } from "react";

import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/auth/password-policy";
import { ApiClientError } from "@/lib/client/api-client";
import type { UserDto } from "@/lib/users/user-dto";

import { useUpdateUser } from "./use-users";

export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserDto;
  onClose: () => void;
  onDone: () => void;
}) {
  const update = useUpdateUser();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const serverPasswordError =
    update.error instanceof ApiClientError && update.error.field === "password" ? update.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      password: passwordProblem(password),
      confirm: confirm === password ? undefined : "The passwords do not match",
    };
    setErrors(found);
    if (found.password || found.confirm) return;
    update.mutate({ userId: user.id, input: { password } }, { onSuccess: onDone });
  }

  return (
    <Dialog open onClose={onClose} title={`Reset password for ${user.email}`}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <p className="text-sm text-slate-600">
          Their current password stops working and they are signed out everywhere. Give them the new one privately.
        </p>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={password}
          error={errors.password ?? serverPasswordError}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          label="Confirm new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          value={confirm}
          error={errors.confirm}
          onChange={(event) => setConfirm(event.target.value)}
        />
        {serverPasswordError ? null : <ErrorNotice error={update.error} />}
        <FormActions submitLabel="Set password" pending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
