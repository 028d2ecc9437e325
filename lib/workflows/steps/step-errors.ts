import { isRetryableStatus } from "@/lib/outbound/http-status";

import { PermanentStepError } from "./step-handler";

// How outbound failures become step failures: only what can pass by itself (timeouts, network
// errors, 408/425/429/5xx answers) is left retryable; the rest is permanent.

/** An error for an HTTP answer of 400 or more, naming what answered and a snippet of why. */
export function httpStatusError(opts: { what: string; status: number; body?: string }): Error {
  const snippet = opts.body?.trim().replace(/\s+/g, " ").slice(0, 300);
  const message = `${opts.what} answered HTTP ${opts.status}${snippet ? `: ${snippet}` : ""}`;
  return isRetryableStatus(opts.status) ? new Error(message) : new PermanentStepError(message);
}

/**
 * Errors that say they would fail the same way again (OutboundRequestError for a refused address
 * or bad URL, ChatCompletionError for a rejected key…: `retryable: false`) become permanent.
 */
export function toStepError(error: unknown): unknown {
  if (error instanceof PermanentStepError || !(error instanceof Error)) return error;
  return (error as { retryable?: unknown }).retryable === false
    ? new PermanentStepError(error.message, { cause: error })
    : error;
}
