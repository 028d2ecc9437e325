import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";

import { CodeInput, ExpressionField, templateHint, textOf, type ConfigFormProps } from "./fields";

export function RecordWriteForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Collection"
          hint="Letters, digits, _ . and -, e.g. documents"
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
      <ExpressionField
        label="Data"
        rows={5}
        hint='JSONata; its result is stored, e.g. { "summary": steps.summarise.text }.'
        value={textOf(config.data)}
        onChange={(event) => onChange({ ...config, data: event.target.value })}
        {...field("data")}
      />
      <div className="sm:w-72">
        <SelectField
          label="Mode"
          value={textOf(config.mode) || "merge"}
          onChange={(event) => onChange({ ...config, mode: event.target.value })}
          {...field("mode")}
        >
          <option value="merge">Merge into the existing record</option>
          <option value="replace">Replace the record</option>
        </SelectField>
      </div>
    </div>
  );
}
