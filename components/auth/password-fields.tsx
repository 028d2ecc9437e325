"use client";

import type { InputHTMLAttributes } from "react";

import { TextField, type FieldProps } from "@/components/ui/text-field";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

export const newPasswordHint = `At least ${PASSWORD_MIN_LENGTH} characters.`;

type PasswordFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "autoComplete"> & {
    /** Tells password managers what to offer: the saved password, or a new one (also its confirmation). */
    purpose: "current" | "new" | "confirm";
  };

/** A password input; a new password says the policy's minimum length unless another hint is given. */
export function PasswordField({ purpose, hint, ...props }: PasswordFieldProps) {
  return (
    <TextField
      type="password"
      autoComplete={purpose === "current" ? "current-password" : "new-password"}
      hint={hint ?? (purpose === "new" ? newPasswordHint : undefined)}
      {...props}
    />
  );
}

export type NewPassword = { password: string; confirm: string };
export type NewPasswordErrors = { password?: string; confirm?: string };

export function newPasswordProblems(value: NewPassword): NewPasswordErrors {
  return {
    password: passwordProblem(value.password),
    confirm: value.confirm === value.password ? undefined : "The passwords do not match",
  };
}

/** A new password typed twice, so a typo does not lock anyone out. */
export function NewPasswordFields(props: {
  value: NewPassword;
  errors: NewPasswordErrors;
  onChange: (value: NewPassword) => void;
  labels: { password: string; confirm: string };
  /** The password input's name (the confirmation's is "confirm"). */
  name?: string;
  autoFocus?: boolean;
}) {
  const { value, errors, onChange } = props;
  return (
    <>
      <PasswordField
        purpose="new"
        label={props.labels.password}
        name={props.name ?? "password"}
        autoFocus={props.autoFocus}
        value={value.password}
        error={errors.password}
        onChange={(event) => onChange({ ...value, password: event.target.value })}
      />
      <PasswordField
        purpose="confirm"
        label={props.labels.confirm}
        name="confirm"
        value={value.confirm}
        error={errors.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.target.value })}
      />
    </>
  );
}
