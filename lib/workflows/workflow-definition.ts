import { z } from "zod";

// A workflow's steps, stored as JSON text. Step types and their fields arrive with the workflow
// engine; until then a step is any object with a unique id and a type name.
export const workflowStepSchema = z.looseObject({
  id: z.string().trim().min(1, "Step id is required").max(64),
  type: z.string().trim().min(1, "Step type is required").max(64),
});

export const workflowDefinitionSchema = z
  .strictObject({ steps: z.array(workflowStepSchema).max(100, "A workflow has at most 100 steps") })
  .refine((definition) => new Set(definition.steps.map((step) => step.id)).size === definition.steps.length, {
    message: "Step ids must be unique",
    path: ["steps"],
  });

export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

export const emptyWorkflowDefinition: WorkflowDefinition = { steps: [] };

/** Pure: parses stored definition text. Only validated definitions are written, so a failure here is a bug worth surfacing. */
export function parseStoredDefinition(text: string): WorkflowDefinition {
  return workflowDefinitionSchema.parse(JSON.parse(text));
}
