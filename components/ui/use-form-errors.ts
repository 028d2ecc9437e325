"use client";

import { useState } from "react";

import { ApiClientError } from "@/lib/client/api-client";

type Errors<V> = Partial<Record<keyof V & string, string>>;

/** The browser's check of an address before the server's; the server has the last word. */
export function emailProblem(email: string): string | undefined {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim()) ? undefined : "Enter a valid email address";
}

/**
 * A form's field errors: its own checks after a submit attempt, then the server's when it names
 * one of the form's fields (`serverField`; any other server error is the form's to show whole).
 */
export function useFormErrors<V extends Record<string, unknown>>(opts: {
  values: V;
  validate: (values: V) => Errors<V>;
  serverError: unknown;
}) {
  const [errors, setErrors] = useState<Errors<V>>({});
  const { serverError, values } = opts;
  const serverField =
    serverError instanceof ApiClientError && serverError.field && serverError.field in values ? serverError : null;
  return {
    serverField,
    fieldError: (field: keyof V & string) =>
      errors[field] ?? (serverField?.field === field ? serverField.message : undefined),
    /** Runs the form's checks and shows what they found; true when the values may be sent. */
    check: () => {
      const found = opts.validate(values);
      setErrors(found);
      return Object.keys(found).length === 0;
    },
  };
}
