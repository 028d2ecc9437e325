import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

import {
  CodeInput,
  ExpressionField,
  numberText,
  optionalText,
  parseNumberInput,
  textOf,
  type ConfigFormProps,
} from "./fields";

type Rule = Record<string, unknown>;

export function RulesForm({ config, onChange, field }: ConfigFormProps) {
  const rules: Rule[] = Array.isArray(config.rules) ? (config.rules as Rule[]) : [];
  const setRules = (next: Rule[]) => onChange({ ...config, rules: next });
  const setRule = (index: number, patch: Rule) =>
    setRules(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const listError = field("rules").error;

  return (
    <div className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Rules</legend>
        <p className="text-xs text-slate-500">
          Each rule whose condition is true adds its score and label to the output: {"{ score, labels, matched }"}.
        </p>
        {listError ? (
          <p role="alert" className="text-sm text-red-600">
            {listError}
          </p>
        ) : null}
        <ol className="space-y-3">
          {rules.map((rule, index) => (
            <li
              key={index}
              aria-label={`Rule ${index + 1}`}
              className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset"
            >
              <div className="flex items-center justify-between">
                <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">Rule {index + 1}</span>
                <Button
                  variant="ghost"
                  className="text-red-700!"
                  aria-label={`Remove rule ${index + 1}`}
                  onClick={() => setRules(rules.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField
                  label="Rule name"
                  value={textOf(rule.name)}
                  onChange={(event) => setRule(index, { name: event.target.value })}
                  {...field(`rules.${index}.name`)}
                />
                <CodeInput
                  label="When"
                  hint={index === 0 ? "JSONata condition, e.g. trigger.body.amount > 1000" : undefined}
                  value={textOf(rule.when)}
                  onChange={(event) => setRule(index, { when: event.target.value })}
                  {...field(`rules.${index}.when`)}
                />
                <TextField
                  label="Score"
                  type="number"
                  inputMode="decimal"
                  placeholder="0"
                  value={numberText(rule.score)}
                  onChange={(event) => setRule(index, { score: parseNumberInput(event.target.value) })}
                  {...field(`rules.${index}.score`)}
                />
                <TextField
                  label="Label"
                  hint="Optional, e.g. large_amount"
                  value={textOf(rule.label)}
                  onChange={(event) => setRule(index, { label: optionalText(event.target.value) })}
                  {...field(`rules.${index}.label`)}
                />
              </div>
            </li>
          ))}
        </ol>
        <Button variant="secondary" onClick={() => setRules([...rules, { name: "", when: "", score: 0 }])}>
          Add rule
        </Button>
      </fieldset>
      <ExpressionField
        label="Stop when"
        rows={2}
        hint="Optional JSONata on the step's output as $output; when true the run stops here, successfully. E.g. $output.score < 50"
        value={textOf(config.stopWhen)}
        onChange={(event) => onChange({ ...config, stopWhen: optionalText(event.target.value) })}
        {...field("stopWhen")}
      />
    </div>
  );
}
