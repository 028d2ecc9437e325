"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { TextField } from "@/components/ui/text-field";
import { emailProblem, useFormErrors } from "@/components/ui/use-form-errors";
import { ApiClientError } from "@/lib/client/api-client";

import { AuthCard } from "./auth-card";
import { NewPasswordFields, newPasswordProblems } from "./password-fields";
import { useCreateOwner, useSetupStatus } from "./use-auth";

type Values = { name: string; email: string; password: string; confirm: string };
type Field = keyof Values;

function validate(values: Values): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.name.trim()) errors.name = "Enter your name";
  const email = emailProblem(values.email);
  if (email) errors.email = email;
  const password = newPasswordProblems(values);
  if (password.password) errors.password = password.password;
  if (password.confirm) errors.confirm = password.confirm;
  return errors;
}

/** First start: the first visitor creates the owner account and is signed in with it. */
export function SetupForm() {
  const router = useRouter();
  const setup = useSetupStatus();
  const create = useCreateOwner();
  const [values, setValues] = useState<Values>({ name: "", email: "", password: "", confirm: "" });
  const { serverField, fieldError, check } = useFormErrors({ values, validate, serverError: create.error });
  const setupDone =
    setup.data?.setupRequired === false ||
    (create.error instanceof ApiClientError && create.error.code === "setup_done");
  const set = (field: Field) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [field]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!check()) return;
    create.mutate(
      { name: values.name.trim(), email: values.email.trim(), password: values.password },
      { onSuccess: () => router.replace("/agents") },
    );
  }

  if (setup.isPending) {
    return (
      <AuthCard title="Create the owner account">
        <Loading />
      </AuthCard>
    );
  }
  if (setupDone && !create.isSuccess) {
    return (
      <AuthCard
        title="Setup is complete"
        description="This Workbench already has an owner, so there is nothing to set up."
      >
        <Link
          href="/login"
          className="inline-flex w-full items-center justify-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create the owner account"
      description="Welcome to Agent Workbench. The owner manages users and settings and can do everything else."
      footer="You can add more people, with their own roles, from the Users page."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <ErrorNotice error={setup.error} />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          autoFocus
          value={values.name}
          error={fieldError("name")}
          onChange={set("name")}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={values.email}
          error={fieldError("email")}
          onChange={set("email")}
        />
        <NewPasswordFields
          labels={{ password: "Password", confirm: "Confirm password" }}
          value={values}
          errors={{ password: fieldError("password"), confirm: fieldError("confirm") }}
          onChange={(password) => setValues({ ...values, ...password })}
        />
        {serverField ? null : <ErrorNotice error={create.error} />}
        <Button type="submit" className="w-full" disabled={create.isPending || create.isSuccess}>
          {create.isPending || create.isSuccess ? "Creating account…" : "Create owner account"}
        </Button>
      </form>
    </AuthCard>
  );
}
