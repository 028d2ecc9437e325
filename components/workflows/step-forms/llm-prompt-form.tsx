import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextAreaField, TextField } from "@/components/ui/text-field";

import { numberText, optionalText, parseNumberInput, templateHint, textOf, type ConfigFormProps } from "./fields";

export function LlmPromptForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <TextAreaField
        label="System prompt"
        rows={2}
        hint="Optional: how the model should behave."
        value={textOf(config.system)}
        onChange={(event) => onChange({ ...config, system: optionalText(event.target.value) })}
        {...field("system")}
      />
      <TextAreaField
        label="Prompt"
        rows={5}
        hint={templateHint}
        value={textOf(config.prompt)}
        onChange={(event) => onChange({ ...config, prompt: event.target.value })}
        {...field("prompt")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Model"
          placeholder="Agent default"
          hint="Leave empty for the model set in the agent's Settings."
          value={textOf(config.model)}
          onChange={(event) => onChange({ ...config, model: optionalText(event.target.value) })}
          {...field("model")}
        />
        <TextField
          label="Temperature"
          type="number"
          inputMode="decimal"
          min={0}
          max={2}
          step={0.1}
          placeholder="Provider default"
          hint="0 to 2; lower is more predictable."
          value={numberText(config.temperature)}
          onChange={(event) => onChange({ ...config, temperature: parseNumberInput(event.target.value) })}
          {...field("temperature")}
        />
      </div>
      <CheckboxField
        label="JSON output"
        hint="Ask for a JSON object: the parsed reply is in steps.<id>.json, the raw text in steps.<id>.text."
        name={field("json").name}
        checked={config.json === true}
        onChange={(event) => onChange({ ...config, json: event.target.checked })}
      />
    </div>
  );
}
