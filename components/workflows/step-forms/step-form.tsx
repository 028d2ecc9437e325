import type { ComponentType } from "react";

import { TextField } from "@/components/ui/text-field";
import type { StepType } from "@/lib/workflows/steps/step-schemas";

import type { DraftStep } from "../editor/validate-draft";
import { CodeInput, numberText, optionalText, parseNumberInput, type ConfigFormProps } from "./fields";
import { HttpRequestForm } from "./http-request-form";
import { LlmPromptForm } from "./llm-prompt-form";
import { NotifyForm } from "./notify-form";
import { RecordReadForm } from "./record-read-form";
import { RecordWriteForm } from "./record-write-form";
import { RulesForm } from "./rules-form";
import { TransformForm } from "./transform-form";

const configForms: Record<StepType, ComponentType<ConfigFormProps>> = {
  http_request: HttpRequestForm,
  transform: TransformForm,
  rules: RulesForm,
  record_write: RecordWriteForm,
  record_read: RecordReadForm,
  llm_prompt: LlmPromptForm,
  notify: NotifyForm,
};

/** A step's id, name and timeout, then the fields of its type. `path` is the step's, e.g. "steps.2". */
export function StepForm(props: {
  step: DraftStep;
  path: string;
  onChange: (step: DraftStep) => void;
  errorAt: (path: string) => string | undefined;
  autoFocus?: boolean;
}) {
  const { step, path, onChange, errorAt } = props;
  const at = (sub: string) => ({ name: `${path}.${sub}`, error: errorAt(`${path}.${sub}`) });
  const ConfigForm = configForms[step.type];

  return (
    <div className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_9rem]">
        <CodeInput
          label="Step id"
          autoFocus={props.autoFocus}
          hint={`Later steps read its output as steps.${step.id || "<id>"}`}
          value={step.id}
          onChange={(event) => onChange({ ...step, id: event.target.value })}
          {...at("id")}
        />
        <TextField
          label="Step name"
          hint="Optional"
          value={step.name ?? ""}
          onChange={(event) => onChange({ ...step, name: optionalText(event.target.value) })}
          {...at("name")}
        />
        <TextField
          label="Timeout (seconds)"
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          placeholder="30"
          value={numberText(step.timeoutSeconds)}
          onChange={(event) => onChange({ ...step, timeoutSeconds: parseNumberInput(event.target.value) })}
          {...at("timeoutSeconds")}
        />
      </div>
      {ConfigForm ? (
        <div className="border-t border-slate-100 pt-4">
          <ConfigForm
            config={step.config ?? {}}
            onChange={(config) => onChange({ ...step, config })}
            field={(sub) => at(`config.${sub}`)}
          />
        </div>
      ) : null}
    </div>
  );
}
