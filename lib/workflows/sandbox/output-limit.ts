import { PermanentStepError } from "../steps/step-handler";

/** The failure for a step output (or expression result) past WORKFLOW_STEP_MAX_OUTPUT_BYTES. */
export function outputTooLargeError(opts: { bytes: number; maxBytes: number }): PermanentStepError {
  return new PermanentStepError(
    `Step output is too large: at least ${opts.bytes} bytes of JSON, where at most ${opts.maxBytes} are allowed (WORKFLOW_STEP_MAX_OUTPUT_BYTES)`,
  );
}
