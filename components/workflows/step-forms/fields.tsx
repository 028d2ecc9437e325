import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

import { inputClass, TextAreaField, TextField, type FieldProps } from "@/components/ui/text-field";

/** What every step type's form gets: its config, a setter, and each field's input name and error. */
export type ConfigFormProps = {
  config: Record<string, unknown>;
  onChange: (config: Record<string, unknown>) => void;
  /** By the field's path under config ("url", "rules.0.when"): the input's name and the error to show. */
  field: (path: string) => { name: string; error?: string };
};

const monoClass = `${inputClass} font-mono text-[13px]`;

export const templateHint = "Text; {{ expression }} inserts a value, e.g. {{ trigger.body.id }}.";

/** A config value as the text of its input (the JSON view may have put any JSON there). */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function numberText(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

/** An empty number input means "use the default"; the schema reports anything else that is wrong. */
export function parseNumberInput(text: string): number | undefined {
  return text.trim() === "" ? undefined : Number(text);
}

/** Optional text fields are left out of the definition when empty. */
export function optionalText(text: string): string | undefined {
  return text.trim() === "" ? undefined : text;
}

/** A JSONata expression: monospace, no spell checking. */
export function ExpressionField(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <TextAreaField spellCheck={false} autoCapitalize="off" autoCorrect="off" className={monoClass} {...props} />;
}

/** A one-line template or expression, such as a URL, a key or a condition: monospace, no spell checking. */
export function CodeInput(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return <TextField spellCheck={false} autoCapitalize="off" autoCorrect="off" className={monoClass} {...props} />;
}
