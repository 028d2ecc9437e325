"use client";

import { useState, type FormEvent } from "react";

import {
  NewPasswordFields,
  newPasswordProblems,
  type NewPassword,
  type NewPasswordErrors,
} from "@/components/auth/password-fields";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
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
  const [value, setValue] = useState<NewPassword>({ password: "", confirm: "" });
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const serverPasswordError =
    update.error instanceof ApiClientError && update.error.field === "password" ? update.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = newPasswordProblems(value);
    setErrors(found);
    if (found.password || found.confirm) return;
    update.mutate({ userId: user.id, input: { password: value.password } }, { onSuccess: onDone });
  }

  return (
    <Dialog open onClose={onClose} title={`Reset password for ${user.email}`}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <p className="text-sm text-slate-600">
          Their current password stops working and they are signed out everywhere. Give them the new one privately.
        </p>
        <NewPasswordFields
          labels={{ password: "New password", confirm: "Confirm new password" }}
          autoFocus
          value={value}
          errors={{ password: errors.password ?? serverPasswordError, confirm: errors.confirm }}
          onChange={setValue}
        />
        {serverPasswordError ? null : <ErrorNotice error={update.error} />}
        <FormActions submitLabel="Set password" pending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
