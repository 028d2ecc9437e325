import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";

import { BodyField } from "./body-field";
import { CodeInput, textOf, type ConfigFormProps } from "./fields";
import { HeadersEditor } from "./headers-editor";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export function HttpRequestForm(props: ConfigFormProps) {
  const { config, onChange, field } = props;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <SelectField
          label="Method"
          value={textOf(config.method) || "GET"}
          onChange={(event) => onChange({ ...config, method: event.target.value })}
          {...field("method")}
        >
          {methods.map((method) => (
            <option key={method}>{method}</option>
          ))}
        </SelectField>
        <CodeInput
          label="URL"
          placeholder="https://api.example.com/items/{{ trigger.body.id }}"
          hint="Private and internal addresses are refused unless an operator allows them."
          value={textOf(config.url)}
          onChange={(event) => onChange({ ...config, url: event.target.value })}
          {...field("url")}
        />
      </div>
      <HeadersEditor {...props} />
      <BodyField {...props} />
      <CheckboxField
        label="Fail on HTTP error"
        hint="Answers of 400 and above fail the step, so the run is retried."
        name={field("failOnHttpError").name}
        checked={config.failOnHttpError !== false}
        onChange={(event) => onChange({ ...config, failOnHttpError: event.target.checked })}
      />
    </div>
  );
}
