"use client";

import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { roleDescriptions } from "@/components/users/role-descriptions";
import { roleLabels, type Role } from "@/lib/auth/roles";
import type { CreatedApiTokenDto } from "@/lib/tokens/api-token-dto";
import { apiTokenExpiryChoices, createApiTokenInput } from "@/lib/tokens/api-token-input";

import { useCreateApiToken } from "./use-api-tokens";

// expiresInDays holds the select's value: a number of days, or "never".
type Values = { name: string; role: Role; expiresInDays: string };

const NEVER = "never";
const expiryLabel = (days: number) => (days === 365 ? "1 year" : `${days} days`);

function validate(values: Values): Partial<Record<keyof Values, string>> {
  const name = createApiTokenInput.shape.name.safeParse(values.name);
  return name.success ? {} : { name: name.error.issues[0]?.message };
}

/** Create API token: name, a role up to the user's own, an expiry; then the token, shown this once. */
export function CreateTokenDialog({ roles, onClose }: { roles: Role[]; onClose: () => void }) {
  const create = useCreateApiToken();
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const [values, setValues] = useState<Values>({ name: "", role: roles[roles.length - 1], expiresInDays: "30" });
  const { serverField, fieldError, check } = useFormErrors({ values, validate, serverError: create.error });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!check()) return;
    create.mutate(
      {
        name: values.name.trim(),
        role: values.role,
        expiresInDays: values.expiresInDays === NEVER ? null : Number(values.expiresInDays),
      },
      { onSuccess: setCreated },
    );
  }

  if (created) {
    return (
      <Dialog open onClose={onClose} title="Your new API token">
        <div className="space-y-4">
          <p
            role="alert"
            className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
          >
            Copy it now: this is the only time it is shown. Anyone who has it can act as you with the{" "}
            {roleLabels[created.token.role]} role, so keep it in a secret store, not in code.
          </p>
          <CopyField label="API token" value={created.secret} copyLabel="Copy API token" />
          <p className="text-sm text-slate-600">
            Send it as <code className="font-mono text-xs">Authorization: Bearer {created.token.prefix}…</code>
          </p>
          <div className="flex justify-end">
            <Button onClick={onClose}>Done</Button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={onClose} title="Create API token">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label="Name"
          name="name"
          hint="What uses it, e.g. “Deploy pipeline”"
          autoComplete="off"
          autoFocus
          value={values.name}
          error={fieldError("name")}
          onChange={(event) => setValues({ ...values, name: event.target.value })}
        />
        <SelectField
          label="Role"
          name="role"
          value={values.role}
          hint={`${roleDescriptions[values.role]} Never more than your own role.`}
          error={fieldError("role")}
          onChange={(event) => setValues({ ...values, role: event.target.value as Role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Expires"
          name="expiresInDays"
          value={values.expiresInDays}
          error={fieldError("expiresInDays")}
          onChange={(event) => setValues({ ...values, expiresInDays: event.target.value })}
        >
          {apiTokenExpiryChoices.map((days) => (
            <option key={days} value={String(days)}>
              In {expiryLabel(days)}
            </option>
          ))}
          <option value={NEVER}>Never</option>
        </SelectField>
        {serverField ? null : <ErrorNotice error={create.error} />}
        <FormActions
          submitLabel="Create token"
          pendingLabel="Creating…"
          pending={create.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
