import { ZodError } from "zod";

import { DomainError } from "@/lib/errors/domain-error";

import { statusOf } from "./error-status";

export type ApiErrorBody = {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
};

export type ErrorResponse = { status: number; body: ApiErrorBody; headers: Record<string, string> };

function fieldOf(path: PropertyKey[]): string {
  return path.map(String).join(".") || "body";
}

/** Pure: maps any thrown value to the status, JSON body and headers the API answers with. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    const field = error.field ? { field: error.field } : {};
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
    return {
      status: statusOf(error),
      body: { error: { code: error.code, message: error.message, ...field } },
      headers,
    };
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        error: { code: "invalid_input", message: `${first.field}: ${first.message}`, field: first.field, issues },
      },
      headers: {},
    };
  }
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side; the error has been logged" } },
    headers: {},
  };
}
