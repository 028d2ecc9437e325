import { z } from "zod";

import { descriptionSchema, nameSchema } from "@/lib/validation/text";

// Shared by the API (validation) and the UI (field messages before sending).

export const createAgentInput = z.strictObject({
  name: nameSchema,
  description: descriptionSchema.optional().default(""),
});

export const updateAgentInput = z
  .strictObject({ name: nameSchema.optional(), description: descriptionSchema.optional() })
  .refine((input) => input.name !== undefined || input.description !== undefined, {
    message: "Send name or description to change",
  });

export type CreateAgentInput = z.input<typeof createAgentInput>;
export type UpdateAgentInput = z.input<typeof updateAgentInput>;
