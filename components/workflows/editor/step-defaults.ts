import type { StepType } from "@/lib/workflows/steps/step-schemas";

import type { DraftStep } from "./validate-draft";

// What "Add step" inserts: a readable id and the fields the builder fills in first.
const baseIds: Record<StepType, string> = {
  http_request: "fetch",
  transform: "transform",
  rules: "check_rules",
  record_write: "write_record",
  record_read: "read_record",
  llm_prompt: "ask_llm",
  notify: "notify",
};

const configs: Record<StepType, () => Record<string, unknown>> = {
  http_request: () => ({ method: "GET", url: "", headers: {}, failOnHttpError: true }),
  transform: () => ({ expression: "" }),
  rules: () => ({ rules: [{ name: "", when: "", score: 0 }] }),
  record_write: () => ({ collection: "", key: "", data: "", mode: "merge" }),
  record_read: () => ({ collection: "", key: "", required: false }),
  llm_prompt: () => ({ prompt: "", json: false }),
  notify: () => ({ conversationKey: "", message: "" }),
};

export function createDefaultStep(type: StepType, existingIds: string[]): DraftStep {
  const taken = new Set(existingIds);
  let id = baseIds[type];
  for (let n = 2; taken.has(id); n++) id = `${baseIds[type]}_${n}`;
  return { id, type, timeoutSeconds: 30, config: configs[type]() };
}
