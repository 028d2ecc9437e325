/**
 * Every way a use case can refuse a request, by code. Domain code throws these and knows nothing
 * of HTTP; the route layer maps each code to a status in one table (lib/api/error-status.ts).
 */
export const domainErrorCodes = [
  "invalid_input",
  "malformed_json",
  "unsupported_media_type",
  "payload_too_large",
  "unauthenticated",
  "invalid_token",
  "token_expired",
  "token_revoked",
  "session_required",
  "invalid_credentials",
  "forbidden",
  "cross_site_request",
  "cannot_remove_self",
  "not_found",
  "conflict",
  "email_taken",
  "last_owner",
  "setup_done",
  "version_conflict",
  "workflow_in_use",
  "key_exists",
  "key_changed",
  "no_key",
  "scheme_change_requires_new_key",
  "credential_required",
  "not_retryable",
  "not_replayable",
  "too_many_attempts",
  "rate_limited",
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** A refusal a person can act on: its code, a message that names the problem, and the field at fault. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  /** For throttling codes: when the caller may try again. */
  readonly retryAfterSeconds?: number;

  constructor(opts: { code: DomainErrorCode; message: string; field?: string; retryAfterSeconds?: number }) {
    super(opts.message);
    this.name = "DomainError";
    this.code = opts.code;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

export function notFound(resource: string, id: string): DomainError {
  return new DomainError({ code: "not_found", message: `${resource} ${id} was not found` });
}
