import { z } from "zod";

import { stepConfigSchemas, type StepType } from "./steps/step-schemas";

// A workflow's definition, stored as JSON text in WorkflowVersion: ordered steps plus its
// retry policy. Validated on save, so the engine only ever runs definitions that parse.

const stepBase = {
  id: z
    .string()
    .trim()
    .min(1, "Step id is required")
    .max(64)
    .regex(/^[A-Za-z_][\w]*$/, "Step id: letters, digits and _, not starting with a digit"),
  name: z.string().trim().max(100).optional(),
  /** Seconds before the step is abandoned as failed. */
  timeoutSeconds: z.number().int().min(1).max(600).default(30),
};

const stepVariants = Object.entries(stepConfigSchemas).map(([type, config]) =>
  z.strictObject({ ...stepBase, type: z.literal(type as StepType), config }),
);

export const workflowStepSchema = z.discriminatedUnion(
  "type",
  stepVariants as unknown as [(typeof stepVariants)[number], ...typeof stepVariants],
);

/** A workflow that says nothing about retries gets these. */
export const defaultRetryPolicy = { maxAttempts: 3, backoffSeconds: 10 } as const;

export const retryPolicySchema = z.strictObject({
  maxAttempts: z
    .number()
    .int()
    .min(1, "At least 1 attempt")
    .max(10, "At most 10 attempts")
    .default(defaultRetryPolicy.maxAttempts),
  /** The first retry waits about this long; each next one twice as long (with jitter). */
  backoffSeconds: z.number().int().min(1).max(3_600).default(defaultRetryPolicy.backoffSeconds),
});

export const workflowDefinitionSchema = z
  .strictObject({
    steps: z.array(workflowStepSchema).max(100, "A workflow has at most 100 steps"),
    retry: retryPolicySchema.default(() => ({ ...defaultRetryPolicy })),
  })
  .refine((definition) => new Set(definition.steps.map((step) => step.id)).size === definition.steps.length, {
    message: "Step ids must be unique",
    path: ["steps"],
  });

export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
export type WorkflowStep = WorkflowDefinition["steps"][number];

export const emptyWorkflowDefinition: WorkflowDefinition = { steps: [], retry: { ...defaultRetryPolicy } };

/** Pure: a stored definition's attempt limit, read cheaply on the webhook hot path (the default when unset). */
export function maxAttemptsOf(definitionText: string): number {
  const maxAttempts = (JSON.parse(definitionText) as { retry?: { maxAttempts?: unknown } }).retry?.maxAttempts;
  return typeof maxAttempts === "number" && Number.isInteger(maxAttempts) && maxAttempts >= 1
    ? maxAttempts
    : defaultRetryPolicy.maxAttempts;
}

/** Pure: parses stored definition text. Only validated definitions are written, so a failure here is a bug worth surfacing. */
export function parseStoredDefinition(text: string): WorkflowDefinition {
  return workflowDefinitionSchema.parse(JSON.parse(text));
}
