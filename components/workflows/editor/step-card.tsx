"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChevronDownIcon } from "@/components/ui/chevron-down-icon";
import { stepTypeLabels } from "@/lib/workflows/steps/step-schemas";

import { StepForm } from "../step-forms/step-form";
import { readOnlyFieldsetClass } from "./read-only-fields";
import { summarizeStep } from "./step-summary";
import type { DraftStep } from "./validate-draft";

type Props = {
  step: DraftStep;
  index: number;
  count: number;
  open: boolean;
  problemCount: number;
  autoFocus: boolean;
  readOnly: boolean;
  formKey: string;
  onToggle: (open: boolean) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  onChange: (step: DraftStep) => void;
  errorAt: (path: string) => string | undefined;
};

/** One step: a header saying what it is, its order controls, and its form when open. */
export function StepCard(props: Props) {
  const { step, index } = props;
  const label = step.id || `step ${index + 1}`;
  const formId = `step-form-${props.formKey}`;

  return (
    <li
      aria-label={`Step ${label}`}
      className={`rounded-xl bg-white shadow-sm ring-1 ${props.problemCount > 0 ? "ring-red-300" : "ring-slate-200"}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
        <span
          aria-hidden
          className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700"
        >
          {index + 1}
        </span>
        <div className="min-w-0 flex-1 basis-56 cursor-pointer" onClick={() => props.onToggle(!props.open)}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="indigo">{stepTypeLabels[step.type] ?? step.type}</Badge>
            <span className="font-mono text-sm font-medium text-slate-900">{step.id || "(no id)"}</span>
            {step.name ? <span className="truncate text-sm text-slate-600">{step.name}</span> : null}
            {props.problemCount > 0 ? (
              <Badge tone="red">{props.problemCount === 1 ? "1 problem" : `${props.problemCount} problems`}</Badge>
            ) : null}
          </div>
          {props.open ? null : (
            <p className="mt-1 truncate font-mono text-xs text-slate-500">{summarizeStep(step) || "\u00a0"}</p>
          )}
        </div>
        <div className="ml-auto flex items-center gap-0.5">
          {props.readOnly ? null : (
            <>
              <IconButton
                label={`Move ${label} up`}
                disabled={index === 0}
                onClick={() => props.onMove(-1)}
                path="M10 4l-5 5h3.5v7h3V9H15z"
              />
              <IconButton
                label={`Move ${label} down`}
                disabled={index === props.count - 1}
                onClick={() => props.onMove(1)}
                path="M10 16l5-5h-3.5V4h-3v7H5z"
              />
              <Button
                variant="ghost"
                className="text-red-700! shadow-none!"
                aria-label={`Remove ${label}`}
                onClick={props.onRemove}
              >
                Remove
              </Button>
            </>
          )}
          <Button
            variant="secondary"
            aria-label={`${props.readOnly ? "Show" : "Edit"} ${label}`}
            aria-expanded={props.open}
            aria-controls={props.open ? formId : undefined}
            onClick={() => props.onToggle(!props.open)}
          >
            <ChevronDownIcon className={`h-4 w-4 transition-transform ${props.open ? "rotate-180" : ""}`} />
          </Button>
        </div>
      </div>
      {props.open ? (
        <div id={formId} className="border-t border-slate-100 px-4 py-4">
          {/* A disabled fieldset makes every field and button of the form read-only in one place. */}
          <fieldset disabled={props.readOnly} className={readOnlyFieldsetClass}>
            <StepForm
              key={props.formKey}
              step={step}
              path={`steps.${index}`}
              onChange={props.onChange}
              errorAt={props.errorAt}
              autoFocus={props.autoFocus}
            />
          </fieldset>
        </div>
      ) : null}
    </li>
  );
}

function IconButton({
  label,
  disabled,
  onClick,
  path,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  path: string;
}) {
  return (
    <Button
      variant="ghost"
      className="px-2 shadow-none!"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path d={path} />
      </svg>
    </Button>
  );
}
