import { z } from "zod";

// Shared by the API (validation) and the UI (field messages before sending).
// PostgreSQL text cannot hold NUL characters: refused here as bad input rather than failing the insert.
export const withoutNul = (value: string) => !value.includes("\u0000");

export const agentNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")
  .refine(withoutNul, "Name must not contain NUL characters");
export const descriptionSchema = z
  .string()
  .trim()
  .max(2000, "Description must be at most 2000 characters")
  .refine(withoutNul, "Description must not contain NUL characters");

export const createAgentInput = z.strictObject({
  name: agentNameSchema,
  description: descriptionSchema.optional().default(""),
});

export const updateAgentInput = z
  .strictObject({ name: agentNameSchema.optional(), description: descriptionSchema.optional() })
  .refine((input) => input.name !== undefined || input.description !== undefined, {
    message: "Send name or description to change",
  });

export type CreateAgentInput = z.input<typeof createAgentInput>;
export type UpdateAgentInput = z.input<typeof updateAgentInput>;
