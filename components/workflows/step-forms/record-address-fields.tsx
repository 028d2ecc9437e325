import { TextField } from "@/components/ui/text-field";

import { CodeInput, templateHint, textOf, type ConfigFormProps } from "./fields";

/** Which record a record step reads or writes: its collection and its key. */
export function RecordAddressFields({
  config,
  onChange,
  field,
  collectionHint,
}: ConfigFormProps & { collectionHint: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Collection"
        hint={collectionHint}
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
  );
}
