import { CheckboxField } from "@/components/ui/checkbox-field";

import type { ConfigFormProps } from "./fields";
import { RecordAddressFields } from "./record-address-fields";

export function RecordReadForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <RecordAddressFields config={config} onChange={onChange} field={field} collectionHint="e.g. clients, balances" />
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
