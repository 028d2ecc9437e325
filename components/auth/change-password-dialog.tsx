"use client";

import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { ApiClientError } from "@/lib/client/api-client";

import { NewPasswordFields, newPasswordProblems, PasswordField, type NewPassword } from "./password-fields";
import { useChangePassword } from "./use-auth";

type Field = "currentPassword" | "newPassword" | "confirm";

/** The signed-in user changes their own password: the current one, the new one twice. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState<NewPassword>({ password: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const serverError = change.error instanceof ApiClientError ? change.error : null;
  const serverField =
    serverError?.field === "currentPassword" || serverError?.field === "newPassword" ? serverError.field : undefined;
  const errorOf = (field: Field) => errors[field] ?? (serverField === field ? serverError?.message : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = newPasswordProblems(newPassword);
    const found = {
      currentPassword: currentPassword ? undefined : "Enter your current password",
      newPassword: problems.password,
      confirm: problems.confirm,
    };
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) return;
    change.mutate({ currentPassword, newPassword: newPassword.password });
  }

  return (
    <Dialog open onClose={onClose} title="Change password">
      {change.isSuccess ? (
        <div className="space-y-4">
          <p
            role="status"
            className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-200 ring-inset"
          >
            Your password was changed. You stay signed in here; every other browser or device was signed out.
          </p>
          <div className="flex justify-end">
            <Button autoFocus onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <PasswordField
            purpose="current"
            label="Current password"
            name="currentPassword"
            autoFocus
            value={currentPassword}
            error={errorOf("currentPassword")}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
          <NewPasswordFields
            labels={{ password: "New password", confirm: "Confirm new password" }}
            name="newPassword"
            value={newPassword}
            errors={{ password: errorOf("newPassword"), confirm: errorOf("confirm") }}
            onChange={setNewPassword}
          />
          {serverField ? null : <ErrorNotice error={change.error} />}
          <FormActions submitLabel="Change password" pending={change.isPending} onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}
