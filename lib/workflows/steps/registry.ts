import { httpRequestStep } from "./http-request";
import { llmPromptStep } from "./llm-prompt";
import { notifyStep } from "./notify";
import { recordReadStep } from "./record-read";
import { recordWriteStep } from "./record-write";
import { rulesStep } from "./rules";
import type { StepHandler } from "./step-handler";
import type { StepType } from "./step-schemas";
import { transformStep } from "./transform";

/** Every step type's handler; the mapped type makes a missing or mismatched handler a compile error. */
export const stepHandlers: { [T in StepType]: StepHandler<T> } = {
  http_request: httpRequestStep,
  transform: transformStep,
  rules: rulesStep,
  record_write: recordWriteStep,
  record_read: recordReadStep,
  llm_prompt: llmPromptStep,
  notify: notifyStep,
};

export function getStepHandler<T extends StepType>(type: T): StepHandler<T> {
  return stepHandlers[type];
}
