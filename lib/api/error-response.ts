import { ZodError } from "zod";

import { DomainError } from "@/lib/errors/domain-error";

import { ApiError, type ApiErrorBody } from "./api-error";
import { errorStatus } from "./error-status";

function fieldOf(path: PropertyKey[]): string {
  return path.map(String).join(".") || "body";
}

/** Pure: maps any thrown value to the status and JSON body the API answers with. */
export function toErrorResponse(error: unknown): { status: number; body: ApiErrorBody } {
  if (error instanceof DomainError) {
    const field = error.field ? { field: error.field } : {};
    return { status: errorStatus[error.code], body: { error: { code: error.code, message: error.message, ...field } } };
  }
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
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
    };
  }
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side; the error has been logged" } },
  };
}
