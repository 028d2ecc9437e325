import { ExpressionField, textOf, type ConfigFormProps } from "./fields";

export function TransformForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <ExpressionField
      label="Expression"
      rows={6}
      hint='JSONata; its result is the step output, e.g. { "total": trigger.body.amount * 1.2 }.'
      value={textOf(config.expression)}
      onChange={(event) => onChange({ ...config, expression: event.target.value })}
      {...field("expression")}
    />
  );
}
