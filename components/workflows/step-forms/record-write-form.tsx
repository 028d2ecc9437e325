import { SelectField } from "@/components/ui/select-field";

import { ExpressionField, textOf, type ConfigFormProps } from "./fields";
import { RecordAddressFields } from "./record-address-fields";

export function RecordWriteForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <RecordAddressFields
        config={config}
        onChange={onChange}
        field={field}
        collectionHint="Letters, digits, _ . and -, e.g. documents"
      />
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
