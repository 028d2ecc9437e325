import { z } from "zod";

import { descriptionSchema, nameSchema } from "@/lib/validation/text";

import { workflowTemplates } from "./templates";
import { workflowDefinitionSchema } from "./workflow-definition";

export const workflowNameSchema = nameSchema;

export const createWorkflowInput = z.strictObject({
  name: workflowNameSchema,
  description: descriptionSchema.optional().default(""),
  /** Starting steps, e.g. from a template; empty when omitted. */
  definition: workflowDefinitionSchema.optional(),
  /** The template the definition came from: its sample body is what Test run and Send Test Event send. */
  templateId: z
    .enum(workflowTemplates.map((template) => template.id) as [string, ...string[]], {
      error: "Unknown workflow template",
    })
    .optional(),
});

export const updateWorkflowInput = z
  .strictObject({
    name: workflowNameSchema.optional(),
    description: descriptionSchema.optional(),
    definition: workflowDefinitionSchema.optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Send name, description or definition to change",
  });

export type CreateWorkflowInput = z.input<typeof createWorkflowInput>;
export type UpdateWorkflowInput = z.input<typeof updateWorkflowInput>;
