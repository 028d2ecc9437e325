"use client";

import { useState } from "react";

import { SelectField } from "@/components/ui/select-field";

import { bodyFormModeOf, bodyWarning, type BodyFormMode } from "./body-mode";
import { ExpressionField, type ConfigFormProps } from "./fields";

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  return typeof body === "string" ? body : JSON.stringify(body, null, 2);
}

/** Steps saved before body modes: text that parses as JSON is that JSON value, any other text a template string. */
function parseLegacyBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const modeHints: Record<BodyFormMode, string> = {
  json: 'A JSONata expression, as in Record Write, e.g. { "id": trigger.body.documentId }. Sent as application/json.',
  text: "Text; {{ expression }} inserts a value. Sent as text/plain unless a Content-Type header says otherwise.",
  legacy:
    "JSON (its strings may hold {{ }} templates) sent as JSON, or a template string sent as text: how steps saved before body modes work.",
};

const placeholders: Record<BodyFormMode, string> = {
  json: '{ "id": trigger.body.documentId, "total": trigger.body.amount }',
  text: "Document {{ trigger.body.documentId }} is ready",
  legacy: '{ "id": "{{ trigger.body.documentId }}" }',
};

/** The request body and how it is sent, kept as typed (half-written JSON must not be reformatted under the cursor). */
export function BodyField({ config, onChange, field }: ConfigFormProps) {
  const [text, setText] = useState(() => bodyText(config.body));
  const mode = bodyFormModeOf(config);
  const warning = bodyWarning({ mode, text });

  function update(nextMode: BodyFormMode, nextText: string) {
    if (nextMode === "legacy") onChange({ ...config, bodyMode: undefined, body: parseLegacyBody(nextText) });
    else onChange({ ...config, bodyMode: nextMode, body: nextText.trim() === "" ? undefined : nextText });
  }

  return (
    <div className="space-y-2">
      <SelectField
        label="Body mode"
        value={mode}
        onChange={(event) => update(event.target.value as BodyFormMode, text)}
        {...field("bodyMode")}
      >
        <option value="json">JSON from an expression</option>
        <option value="text">Text template</option>
        {mode === "legacy" ? (
          <option value="legacy">JSON with {"{{ }}"} templates (saved before body modes)</option>
        ) : null}
      </SelectField>
      <ExpressionField
        label="Body"
        rows={5}
        placeholder={placeholders[mode]}
        hint={modeHints[mode]}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          update(mode, event.target.value);
        }}
        {...field("body")}
      />
      {warning ? (
        <p role="status" className="text-sm text-amber-700">
          {warning}
        </p>
      ) : null}
    </div>
  );
}
