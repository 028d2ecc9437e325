import { SelectField } from "@/components/ui/select-field";

import { ExpressionField, textOf, type ConfigFormProps } from "./fields";
import { RecordAddressFields } from "./record-address-fields";

const dataHint = 'JSONata; its result is stored, e.g. { "summary": steps.summarise.text }.';
// Update mode's expression runs inside the write's transaction: say what $current is and how to say "no change".
const updateHint =
  'JSONata over $current, the record as stored (null if none), evaluated while the record is locked so concurrent runs apply one after another. Its result replaces the record; return $current to change nothing, or $error("…") to refuse.';

export function RecordWriteForm({ config, onChange, field }: ConfigFormProps) {
  const mode = textOf(config.mode) || "merge";
  return (
    <div className="space-y-4">
      <RecordAddressFields
        config={config}
        onChange={onChange}
        field={field}
        collectionHint="Letters, digits, _ . and -, e.g. documents"
      />
      <ExpressionField
        label={mode === "update" ? "New record from $current" : "Data"}
        rows={5}
        hint={mode === "update" ? updateHint : dataHint}
        value={textOf(config.data)}
        onChange={(event) => onChange({ ...config, data: event.target.value })}
        {...field("data")}
      />
      <div className="sm:w-72">
        <SelectField
          label="Mode"
          value={mode}
          onChange={(event) => onChange({ ...config, mode: event.target.value })}
          {...field("mode")}
        >
          <option value="merge">Merge into the existing record</option>
          <option value="replace">Replace the record</option>
          <option value="update">Update from the current record (atomic)</option>
        </SelectField>
      </div>
    </div>
  );
}
