// Every way the public endpoint can refuse a request: a distinct status, a stable code for
// integrators to match on, and a message that says how to fix it.
export const ingestErrors = {
  webhook_not_found: { status: 404, message: "No webhook with this id: check the endpoint URL in the key file" },
  webhook_disabled: { status: 403, message: "This webhook is disabled; enable it in the Triggers tab" },
  ip_not_allowed: { status: 403, message: "This webhook accepts requests only from the addresses on its allow-list" },
  rate_limited: {
    status: 429,
    message: "Too many requests to this webhook: retry after the number of seconds in Retry-After",
  },
  unsupported_media_type: { status: 415, message: "Send the body as JSON with Content-Type: application/json" },
  payload_too_large: { status: 413, message: "The body is larger than this endpoint accepts" },
  no_signing_key: {
    status: 401,
    message: "This webhook has no private key yet: use Generate Private Key in the Triggers tab",
  },
  missing_signature: {
    status: 401,
    message: "Missing x-signature header: send the hex HMAC-SHA256 of the body, keyed with privateKey",
  },
  malformed_signature: {
    status: 401,
    message: "x-signature must be 64 hex characters (HMAC-SHA256), optionally prefixed with sha256=",
  },
  signature_mismatch: {
    status: 401,
    message: "x-signature does not match the body: sign the exact bytes sent with the webhook's current privateKey",
  },
  missing_webhook_id: {
    status: 401,
    message: "Missing webhook-id header: send the event's unique id (Standard Webhooks)",
  },
  invalid_webhook_id: { status: 401, message: "webhook-id must be 1 to 255 visible ASCII characters" },
  missing_webhook_timestamp: {
    status: 401,
    message: "Missing webhook-timestamp header: send the time of sending in Unix seconds (Standard Webhooks)",
  },
  invalid_webhook_timestamp: { status: 401, message: "webhook-timestamp must be whole Unix seconds, e.g. 1767225600" },
  timestamp_out_of_tolerance: {
    status: 401,
    message:
      "webhook-timestamp is more than 5 minutes from our clock: sign each attempt with the current time (and check the sender's clock)",
  },
  malformed_json: { status: 400, message: "The body is not valid JSON" },
  json_too_deep: { status: 400, message: "The body nests arrays and objects deeper than 64 levels" },
  forbidden_json_key: {
    status: 400,
    message: "The body has a __proto__ or constructor.prototype key, which this endpoint refuses",
  },
  invalid_idempotency_key: { status: 400, message: "Idempotency-Key must be 1 to 255 visible ASCII characters" },
  idempotency_key_reused: {
    status: 422,
    message:
      "This idempotency key (Idempotency-Key, or webhook-id for Standard Webhooks) was accepted with a different body within the last 24 hours: send a new key for a new event",
  },
  request_aborted: {
    status: 400,
    message: "The request body ended before it was complete (the connection was closed)",
  },
  // Both 503s store nothing, so the sender's retry (with the same idempotency key) is always safe.
  overloaded: {
    status: 503,
    message: "The server is at capacity and refused this request before reading it: retry after Retry-After seconds",
  },
  temporarily_unavailable: { status: 503, message: "The request could not be stored; retry later" },
} as const;

export type IngestErrorCode = keyof typeof ingestErrors;

/** The same refusals, worded for a Standard Webhooks sender. */
export const standardWebhooksMessages: Partial<Record<IngestErrorCode, string>> = {
  missing_signature:
    'Missing webhook-signature header: send v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body"> (Standard Webhooks)',
  malformed_signature:
    "webhook-signature has no v1,<base64> signature of 32 bytes (HMAC-SHA256); several may be sent, separated by spaces",
  signature_mismatch:
    'webhook-signature does not match: sign "webhook-id.webhook-timestamp.body" (the exact body bytes) with the base64-decoded part of the whsec_ secret',
};

export type IngestResponse = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export function ingestErrorResponse(
  code: IngestErrorCode,
  message: string = ingestErrors[code].message,
): IngestResponse {
  return { status: ingestErrors[code].status, body: { error: { code, message } } };
}
