import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";

import { CodeInput, templateHint, textOf, type ConfigFormProps } from "./fields";

export function RecordReadForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Collection"
          hint="e.g. clients, balances"
          value={textOf(config.collection)}
          onChange={(event) => onChange({ ...config, collection: event.target.value })}
          {...field("collection")}
        />
        <CodeInput
          label="Key"
          hint={templateHint}
          value={textOf(config.key)}
          onChange={(event) => onChange({ ...config, key: event.target.value })}
          {...field("key")}
        />
      </div>
      <CheckboxField
        label="Required"
        hint="Fail the step when the record is missing; otherwise its output is null."
        name={field("required").name}
        checked={config.required === true}
        onChange={(event) => onChange({ ...config, required: event.target.checked })}
      />
    </div>
  );
}
