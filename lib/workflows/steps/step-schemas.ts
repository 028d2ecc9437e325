import { z } from "zod";

// The fields of each step type. String fields may hold {{ JSONata }} templates; fields named
// `expression`, `when` or `stopWhen` are JSONata expressions themselves. Every step reads the
// run's context: { trigger: { body, headers, receivedAt, webhookId }, steps: { <id>: output }, agent }.

const template = (label: string, max = 10_000) => z.string().max(max, `${label} is at most ${max} characters`);
const expression = (label: string) => z.string().trim().min(1, `${label} is required`).max(10_000);
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Not a valid header name");

export const httpBodyModes = ["json", "text"] as const;
export type HttpBodyMode = (typeof httpBodyModes)[number];

export const httpRequestConfig = z
  .strictObject({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
    url: template("URL", 2_000).min(1, "URL is required"),
    headers: z.record(headerName, template("Header value", 4_000)).default({}),
    /**
     * `json`: the body is a JSONata expression (as Record Write's data), its value sent as
     * application/json. `text`: the body is a {{ }} template, sent as text (text/plain unless a
     * Content-Type header says otherwise). Without a mode (steps saved before modes existed) the
     * body is any JSON value whose strings are templates: sent as JSON, except a string, sent as text.
     */
    bodyMode: z.enum(httpBodyModes).optional(),
    body: z.unknown().optional(),
    /** Answers of 400 and above fail the step (and so are retried) unless this is false. */
    failOnHttpError: z.boolean().default(true),
  })
  .superRefine((config, issues) => {
    if (config.bodyMode === undefined || config.body === undefined) return;
    if (typeof config.body !== "string")
      issues.addIssue({ code: "custom", path: ["body"], message: "The body must be text in this mode" });
    else if (config.bodyMode === "json" && config.body.trim() === "")
      issues.addIssue({ code: "custom", path: ["body"], message: "Enter an expression, or leave the body out" });
  });

export const transformConfig = z.strictObject({ expression: expression("Expression") });

export const ruleSchema = z.strictObject({
  name: z.string().trim().min(1, "Rule name is required").max(100),
  when: expression("Condition"),
  score: z.number().min(-1_000_000).max(1_000_000).default(0),
  label: z.string().trim().max(100).optional(),
});

export const rulesConfig = z.strictObject({
  rules: z.array(ruleSchema).min(1, "Add at least one rule").max(100),
  /** Evaluated with the step's output as $output; when true the run stops here, successfully. */
  stopWhen: z.string().trim().max(10_000).optional(),
});

const collection = z
  .string()
  .trim()
  .min(1, "Collection is required")
  .max(100)
  .regex(/^[\w.-]+$/, "Use letters, digits, _ . and -");

export const recordWriteModes = ["merge", "replace", "update"] as const;

export const recordWriteConfig = z
  .strictObject({
    collection,
    key: template("Key", 500).min(1, "Key is required"),
    /**
     * JSONata expression whose result is stored. In update mode it reads the stored data as
     * `$current` (null when there is no record) and runs inside the write's transaction, so no
     * other run can change the record in between; returning `$current` unchanged writes nothing.
     */
    data: expression("Data"),
    mode: z.enum(recordWriteModes).default("merge"),
  })
  .superRefine((config, context) => {
    // Without $current an update is a replace that also holds the lock: almost always a mistake.
    if (config.mode === "update" && !/\$current\b/.test(config.data))
      context.addIssue({
        code: "custom",
        path: ["data"],
        message: "In update mode the expression computes the new record from $current (the stored one)",
      });
  });

export const recordReadConfig = z.strictObject({
  collection,
  key: template("Key", 500).min(1, "Key is required"),
  /** When true a missing record fails the step; otherwise the output is null. */
  required: z.boolean().default(false),
});

export const llmPromptConfig = z.strictObject({
  system: template("System prompt", 20_000).optional(),
  prompt: template("Prompt", 50_000).min(1, "Prompt is required"),
  /** Ask for a JSON object and parse it into the output. */
  json: z.boolean().default(false),
  temperature: z.number().min(0).max(2).optional(),
  /** Overrides the agent's default model. */
  model: z.string().trim().max(200).optional(),
});

export const notifyConfig = z.strictObject({
  conversationKey: template("Conversation key", 500).min(1, "Conversation key is required"),
  conversationTitle: template("Conversation title", 500).optional(),
  message: template("Message", 20_000).min(1, "Message is required"),
  /** Optionally also POST a signed JSON notification here (guarded against internal addresses). */
  url: template("URL", 2_000).optional(),
});

export const stepConfigSchemas = {
  http_request: httpRequestConfig,
  transform: transformConfig,
  rules: rulesConfig,
  record_write: recordWriteConfig,
  record_read: recordReadConfig,
  llm_prompt: llmPromptConfig,
  notify: notifyConfig,
} as const;

export type StepType = keyof typeof stepConfigSchemas;
export const stepTypes = Object.keys(stepConfigSchemas) as StepType[];

export const stepTypeLabels: Record<StepType, string> = {
  http_request: "HTTP Request",
  transform: "Transform",
  rules: "Condition / Rules",
  record_write: "Record Write",
  record_read: "Record Read",
  llm_prompt: "LLM Prompt",
  notify: "Notify",
};

export type StepConfig<T extends StepType> = z.output<(typeof stepConfigSchemas)[T]>;
