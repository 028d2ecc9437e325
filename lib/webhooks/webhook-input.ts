import { z } from "zod";
import { withoutNul } from "@/lib/agents/agent-input";

export const webhookNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")
  .refine(withoutNul, "Name must not contain NUL characters");
const workflowIdSchema = z.string().trim().min(1, "Choose the workflow this webhook runs").max(64).refine(withoutNul, "Unknown workflow");

export const createWebhookInput = z.strictObject({ name: webhookNameSchema, workflowId: workflowIdSchema });

export const updateWebhookInput = z
  .strictObject({ name: webhookNameSchema.optional(), workflowId: workflowIdSchema.optional(), enabled: z.boolean().optional() })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { message: "Send name, workflowId or enabled to change" });

/** How long the rotated-out key keeps verifying: 0 ends it at once; at most 30 days. */
export const rotateKeyInput = z.strictObject({
  graceHours: z.number().min(0, "graceHours cannot be negative").max(720, "graceHours is at most 720 (30 days)").default(24),
});

export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;
