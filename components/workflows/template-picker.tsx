"use client";

import { workflowTemplates } from "@/lib/workflows/templates";

const choices = [
  { id: "", name: "Blank workflow", description: "Start with no steps and add them yourself." },
  ...workflowTemplates.map(({ id, name, description }) => ({ id, name, description })),
];

/** "Start from": a blank workflow or one of the templates, as radio cards. */
export function TemplatePicker({ value, onChange }: { value: string; onChange: (templateId: string) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Start from</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {choices.map((choice) => {
          const checked = choice.id === value;
          return (
            <label
              key={choice.id || "blank"}
              className={`relative flex cursor-pointer gap-3 rounded-lg p-3 ring-1 transition-colors ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${
                checked ? "bg-indigo-50 ring-2 ring-indigo-600" : "bg-white ring-slate-200 hover:bg-slate-50"
              }`}
            >
              <input
                type="radio"
                name="template"
                value={choice.id}
                checked={checked}
                onChange={() => onChange(choice.id)}
                className="mt-0.5 h-4 w-4 shrink-0 accent-indigo-600"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-slate-900">{choice.name}</span>
                <span className="mt-0.5 block text-xs leading-snug text-slate-600">{choice.description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
