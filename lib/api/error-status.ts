import type { DomainError, DomainErrorCode } from "@/lib/errors/domain-error";

/** The one place a domain error code becomes an HTTP status. */
export const errorStatus: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  session_required: 403,
  invalid_credentials: 401,
  forbidden: 403,
  cross_site_request: 403,
  cannot_remove_self: 409,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_owner: 409,
  setup_done: 409,
  version_conflict: 409,
  workflow_in_use: 409,
  key_exists: 409,
  key_changed: 409,
  no_key: 409,
  scheme_change_requires_new_key: 409,
  credential_required: 409,
  not_retryable: 409,
  not_replayable: 409,
  too_many_attempts: 429,
  rate_limited: 429,
};

/**
 * The status for one error: the table's, except that a wrong password typed into a form field of a
 * signed-in request (the current password when changing it) is a bad field, 400, not a failed sign-in (401).
 */
export function statusOf(error: DomainError): number {
  if (error.code === "invalid_credentials" && error.field) return 400;
  return errorStatus[error.code];
}
