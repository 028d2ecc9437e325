import { TextAreaField, TextField } from "./text-field";

export type NameDescriptionValues = { name: string; description: string };

/** The Name and Description fields shared by the agent, workflow and rename forms. */
export function NameDescriptionFields(props: {
  values: NameDescriptionValues;
  onChange: (values: NameDescriptionValues) => void;
  fieldError: (field: keyof NameDescriptionValues) => string | undefined;
  descriptionRows?: number;
}) {
  const { values, onChange, fieldError } = props;
  return (
    <>
      <TextField
        label="Name"
        name="name"
        autoFocus
        value={values.name}
        error={fieldError("name")}
        onChange={(event) => onChange({ ...values, name: event.target.value })}
      />
      <TextAreaField
        label="Description"
        name="description"
        hint="Optional"
        rows={props.descriptionRows}
        value={values.description}
        error={fieldError("description")}
        onChange={(event) => onChange({ ...values, description: event.target.value })}
      />
    </>
  );
}
