// Every way the public endpoint can refuse a request: a distinct status, a stable code for
// integrators to match on, and a message that says how to fix it.
export const ingestErrors = {
  webhook_not_found: { status: 404, message: "No webhook with this id: check the endpoint URL in the key file" },
  webhook_disabled: { status: 403, message: "This webhook is disabled; enable it in the Triggers tab" },
  unsupported_media_type: { status: 415, message: "Send the body as JSON with Content-Type: application/json" },
  payload_too_large: { status: 413, message: "The body is larger than this endpoint accepts" },
  no_signing_key: { status: 401, message: "This webhook has no private key yet: use Generate Private Key in the Triggers tab" },
  missing_signature: { status: 401, message: "Missing x-signature header: send the hex HMAC-SHA256 of the body, keyed with privateKey" },
  malformed_signature: { status: 401, message: "x-signature must be 64 hex characters (HMAC-SHA256), optionally prefixed with sha256=" },
  signature_mismatch: { status: 401, message: "x-signature does not match the body: sign the exact bytes sent with the webhook's current privateKey" },
  malformed_json: { status: 400, message: "The body is not valid JSON" },
  invalid_idempotency_key: { status: 400, message: "Idempotency-Key must be 1 to 255 visible ASCII characters" },
} as const;

export type IngestErrorCode = keyof typeof ingestErrors;

export type IngestResponse = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export function ingestErrorResponse(code: IngestErrorCode, message: string = ingestErrors[code].message): IngestResponse {
  return { status: ingestErrors[code].status, body: { error: { code, message } } };
}
