/**
 * Why an outbound request failed. `refused`, `invalid_url`, `too_large` and `too_many_redirects`
 * fail the same way on every retry; `aborted` (timeout, shutdown) and `network` may not.
 */
export type OutboundFailure = "refused" | "invalid_url" | "too_large" | "too_many_redirects" | "aborted" | "network";

export class OutboundRequestError extends Error {
  readonly failure: OutboundFailure;

  constructor(failure: OutboundFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutboundRequestError";
    this.failure = failure;
  }

  /** Whether retrying the same request later could succeed. */
  get retryable(): boolean {
    return this.failure === "aborted" || this.failure === "network";
  }
}
