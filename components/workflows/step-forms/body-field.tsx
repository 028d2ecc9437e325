"use client";

import { useState } from "react";

import { ExpressionField, type ConfigFormProps } from "./fields";

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  return typeof body === "string" ? body : JSON.stringify(body, null, 2);
}

/** Text that parses as JSON is sent as that JSON value; any other text is a template string. */
function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request body, kept as typed (half-written JSON must not be reformatted under the cursor). */
export function BodyField({ config, onChange, field }: ConfigFormProps) {
  const [text, setText] = useState(() => bodyText(config.body));
  const value = parseBody(text);
  const kind =
    value === undefined ? "No body" : typeof value === "string" ? "Sent as a template string" : "Sent as JSON";

  return (
    <ExpressionField
      label="Body"
      rows={5}
      placeholder={'{ "id": "{{ trigger.body.documentId }}" }'}
      hint={`JSON (its strings may hold {{ }} templates) or a template string. ${kind}.`}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange({ ...config, body: parseBody(event.target.value) });
      }}
      {...field("body")}
    />
  );
}
