"use client";

import { useState, type FormEvent } from "react";

import { newPasswordHint, PasswordField } from "@/components/auth/password-fields";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { emailProblem, useFormErrors } from "@/components/ui/use-form-errors";
import { passwordProblem } from "@/lib/auth/password-policy";
import { roleLabels, type Role } from "@/lib/auth/roles";

import { roleDescriptions } from "./role-descriptions";
import { useCreateUser } from "./use-users";

type Values = { email: string; name: string; role: Role; password: string };
type Field = keyof Values;

function validate(values: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const email = emailProblem(values.email);
  if (email) errors.email = email;
  const weak = passwordProblem(values.password);
  if (weak) errors.password = weak;
  return errors;
}

export function AddUserDialog({ roles, onClose }: { roles: Role[]; onClose: () => void }) {
  const create = useCreateUser();
  const [values, setValues] = useState<Values>({ email: "", name: "", role: "builder", password: "" });
  const { serverField, fieldError, check } = useFormErrors({ values, validate, serverError: create.error });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!check()) return;
    create.mutate({ ...values, email: values.email.trim(), name: values.name.trim() }, { onSuccess: onClose });
  }

  return (
    <Dialog open onClose={onClose} title="Add user">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          autoFocus
          value={values.email}
          error={fieldError("email")}
          onChange={(event) => setValues({ ...values, email: event.target.value })}
        />
        <TextField
          label="Name"
          name="name"
          hint="Optional"
          autoComplete="off"
          value={values.name}
          error={fieldError("name")}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
        <SelectField
          label="Role"
          name="role"
          value={values.role}
          hint={roleDescriptions[values.role]}
          error={fieldError("role")}
          onChange={(event) => setValues({ ...values, role: event.target.value as Role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </SelectField>
        <PasswordField
          purpose="new"
          label="Initial password"
          name="password"
          hint={`${newPasswordHint} Give it to them privately.`}
          value={values.password}
          error={fieldError("password")}
          onChange={(event) => setValues({ ...values, password: event.target.value })}
        />
        {serverField ? null : <ErrorNotice error={create.error} />}
        <FormActions submitLabel="Add user" pendingLabel="Adding…" pending={create.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
