// Pure: what the HTTP Request form says about the body as typed, per body mode.
import type { HttpBodyMode } from "@/lib/workflows/steps/step-schemas";

/** "legacy": a step saved before body modes, whose body is a JSON value with {{ }} templates. */
export type BodyFormMode = HttpBodyMode | "legacy";

export function bodyFormModeOf(config: Record<string, unknown>): BodyFormMode {
  if (config.bodyMode === "json" || config.bodyMode === "text") return config.bodyMode;
  return config.body === undefined ? "json" : "legacy";
}

/** Text that reads as a JSON object or array (not a text starting with a {{ }} template), which text mode sends as text. */
export function looksLikeJson(text: string): boolean {
  const trimmed = text.trim();
  return /^\{(?!\{)[\s\S]*\}$/.test(trimmed) || /^\[[\s\S]*\]$/.test(trimmed);
}

/** A warning to show at the field, or null: the typed body will not be sent the way it looks. */
export function bodyWarning(opts: { mode: BodyFormMode; text: string }): string | null {
  if (opts.mode === "text" && looksLikeJson(opts.text))
    return "This looks like JSON, but text mode sends it as text (text/plain unless a Content-Type header says otherwise). To send JSON, choose “JSON from an expression”.";
  if (opts.mode === "json" && /\{\{[\s\S]*\}\}/.test(opts.text))
    return "An expression reads fields directly (trigger.body.id), without {{ }}: inside a JSON expression, {{ … }} is not a template.";
  return null;
}
