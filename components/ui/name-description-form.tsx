"use client";

import { useState, type FormEvent } from "react";
import type { ZodType } from "zod";

import { ApiClientError } from "@/lib/client/api-client";

import { ErrorNotice } from "./error-notice";
import { FormActions } from "./form-actions";
import { NameDescriptionFields, type NameDescriptionValues } from "./name-description-fields";

type Values = NameDescriptionValues;

/**
 * The name + description form shared by agents and workflows (create and edit). It checks the
 * input with the same zod schema as the API, and shows a server error at its field when it names one.
 */
export function NameDescriptionForm(props: {
  initial?: Values;
  schema: ZodType;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (values: Values) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(props.initial ?? { name: "", description: "" });
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const serverFieldError = props.error instanceof ApiClientError && props.error.field ? props.error : null;
  const fieldError = (field: keyof Values) =>
    localErrors[field] ?? (serverFieldError?.field === field ? serverFieldError.message : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = props.schema.safeParse(values);
    if (!parsed.success) {
      setLocalErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setLocalErrors({});
    props.onSubmit(values);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <NameDescriptionFields values={values} onChange={setValues} fieldError={fieldError} />
      {serverFieldError ? null : <ErrorNotice error={props.error} />}
      <FormActions submitLabel={props.submitLabel} pending={props.pending} onCancel={props.onCancel} />
    </form>
  );
}
