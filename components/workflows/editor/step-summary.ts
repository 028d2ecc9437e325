import type { DraftStep } from "./validate-draft";

const text = (value: unknown) => (typeof value === "string" ? value : "");
// Multi-line expressions and prompts read best as one line with their whitespace collapsed.
const oneLine = (value: unknown) => text(value).replace(/\s+/g, " ").trim();
const recordWriteVerbs: Record<string, string> = { merge: "Merge into", replace: "Replace", update: "Update" };

/** One line saying what a step does, shown on its card while it is closed. */
export function summarizeStep(step: DraftStep): string {
  const config = step.config ?? {};
  switch (step.type) {
    case "http_request":
      return `${text(config.method) || "GET"} ${text(config.url)}`;
    case "transform":
      return oneLine(config.expression);
    case "rules": {
      const count = Array.isArray(config.rules) ? config.rules.length : 0;
      return `${count} ${count === 1 ? "rule" : "rules"}${config.stopWhen ? `, stop when ${text(config.stopWhen)}` : ""}`;
    }
    case "record_write":
      return `${recordWriteVerbs[text(config.mode)] ?? "Merge into"} ${text(config.collection)} / ${text(config.key)}`;
    case "record_read":
      return `Read ${text(config.collection)} / ${text(config.key)}`;
    case "llm_prompt":
      return oneLine(config.prompt);
    case "notify":
      return `Post to ${text(config.conversationKey)}`;
    default:
      return "";
  }
}
