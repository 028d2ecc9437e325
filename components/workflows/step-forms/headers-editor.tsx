"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/text-field";
import { findLiteralCredential } from "@/lib/workflows/literal-credential";

import { textOf, type ConfigFormProps } from "./fields";

type Row = { name: string; value: string };

const codeInputClass = `${inputClass} font-mono text-[13px]`;

/**
 * Header rows, kept locally so a row can exist before it has a name; the config gets them as an
 * object. A row without a name is sent as "" so the schema reports it at the row.
 */
export function HeadersEditor({ config, onChange, field }: ConfigFormProps) {
  const headers =
    config.headers && typeof config.headers === "object" ? (config.headers as Record<string, unknown>) : {};
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(headers).map(([name, value]) => ({ name, value: textOf(value) })),
  );

  function change(next: Row[]) {
    setRows(next);
    onChange({ ...config, headers: Object.fromEntries(next.map((row) => [row.name.trim(), row.value])) });
  }

  const names = rows.map((row) => row.name.trim().toLowerCase());
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Headers</legend>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-500">No headers. Values may use {"{{ }}"} templates.</p>
      ) : null}
      {rows.map((row, index) => {
        const { name, error } = field(`headers.${row.name.trim()}`);
        const duplicate =
          row.name.trim() !== "" && names.indexOf(names[index]) !== index
            ? "This header is already set above"
            : undefined;
        const message = error ?? duplicate;
        const credentialWarning = message ? null : findLiteralCredential(row);
        return (
          <div key={index} className="space-y-1">
            <div className="flex gap-2">
              <div className="w-2/5 shrink-0">
                <input
                  aria-label={`Header ${index + 1} name`}
                  name={name}
                  placeholder="Name"
                  spellCheck={false}
                  aria-invalid={message ? true : undefined}
                  className={codeInputClass}
                  value={row.name}
                  onChange={(event) =>
                    change(rows.map((item, i) => (i === index ? { ...item, name: event.target.value } : item)))
                  }
                />
              </div>
              <div className="min-w-0 flex-1">
                <input
                  aria-label={`Header ${index + 1} value`}
                  name={`${name}.value`}
                  placeholder="Value"
                  spellCheck={false}
                  className={codeInputClass}
                  value={row.value}
                  onChange={(event) =>
                    change(rows.map((item, i) => (i === index ? { ...item, value: event.target.value } : item)))
                  }
                />
              </div>
              <Button
                variant="ghost"
                aria-label={`Remove header ${index + 1}`}
                onClick={() => change(rows.filter((_, i) => i !== index))}
              >
                <span aria-hidden>✕</span>
              </Button>
            </div>
            {message ? (
              <p role="alert" className="text-sm text-red-600">
                {message}
              </p>
            ) : credentialWarning ? (
              <p className="text-sm text-amber-700">{credentialWarning}</p>
            ) : null}
          </div>
        );
      })}
      <Button variant="secondary" onClick={() => change([...rows, { name: "", value: "" }])}>
        Add header
      </Button>
    </fieldset>
  );
}
