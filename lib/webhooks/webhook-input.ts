import { z } from "zod";

import { nameSchema, withoutNul } from "@/lib/validation/text";

import { MAX_IP_ALLOW_LIST_ENTRIES, parseIpAllowList } from "./ingest/ip-allow-list";
import { signatureSchemes } from "./signing/signature-scheme";

const workflowIdSchema = z
  .string()
  .trim()
  .min(1, "Choose the workflow this webhook runs")
  .max(64)
  .refine(withoutNul, "Unknown workflow");

const signatureSchemeSchema = z.enum(signatureSchemes, { message: 'Choose "x-signature" or "standard-webhooks"' });
const rateLimitPerSecondSchema = z
  .number("Enter a whole number of requests per second")
  .int("Enter a whole number")
  .min(1, "At least 1 request per second")
  .max(10_000, "At most 10000 requests per second")
  .nullable();
const rateLimitBurstSchema = z
  .number("Enter a whole number of requests")
  .int("Enter a whole number")
  .min(1, "A burst of at least 1")
  .max(100_000, "A burst of at most 100000")
  .nullable();

/**
 * A list of IPs and CIDR ranges, as an array or as text (one per line or comma-separated), stored
 * in canonical form; an empty list is null: any sender.
 */
const ipAllowListSchema = z
  .union([z.string().max(10_000), z.array(z.string().max(100)).max(MAX_IP_ALLOW_LIST_ENTRIES * 4)], {
    message: "Send a list of IP addresses and CIDR ranges, or null",
  })
  .nullable()
  .transform((value, ctx) => {
    if (value === null) return null;
    const parsed = parseIpAllowList(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.entries.length > 0 ? parsed.entries : null;
  });

/** Signature scheme, replay protection, rate limit and allow-list: optional on create and on edit. */
const endpointSettings = {
  signatureScheme: signatureSchemeSchema.optional(),
  replayProtection: z.boolean("Send replayProtection as true or false").optional(),
  rateLimitPerSecond: rateLimitPerSecondSchema.optional(),
  rateLimitBurst: rateLimitBurstSchema.optional(),
  ipAllowList: ipAllowListSchema.optional(),
};

export const createWebhookInput = z.strictObject({
  name: nameSchema,
  workflowId: workflowIdSchema,
  ...endpointSettings,
});

export const updateWebhookInput = z
  .strictObject({
    name: nameSchema.optional(),
    workflowId: workflowIdSchema.optional(),
    enabled: z.boolean().optional(),
    ...endpointSettings,
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message:
      "Send name, workflowId, enabled, signatureScheme, replayProtection, rateLimitPerSecond, rateLimitBurst or ipAllowList to change",
  });

/**
 * How long the rotated-out key keeps verifying: 0 ends it at once; at most 30 days. With a
 * `signatureScheme` other than the webhook's, the rotation switches the scheme and the old key
 * (of the other scheme) ends at once, whatever the grace period.
 */
export const rotateKeyInput = z.strictObject({
  graceHours: z
    .number()
    .min(0, "graceHours cannot be negative")
    .max(720, "graceHours is at most 720 (30 days)")
    .default(24),
  signatureScheme: signatureSchemeSchema.optional(),
});

export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;
export type WebhookEndpointSettings = Pick<z.output<typeof createWebhookInput>, keyof typeof endpointSettings>;

/** The columns for the endpoint settings that were sent (undefined ones stay as they are). */
export function toEndpointColumns(input: WebhookEndpointSettings) {
  return {
    ...(input.signatureScheme !== undefined ? { signatureScheme: input.signatureScheme } : {}),
    ...(input.replayProtection !== undefined ? { replayProtection: input.replayProtection } : {}),
    ...(input.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: input.rateLimitPerSecond } : {}),
    ...(input.rateLimitBurst !== undefined ? { rateLimitBurst: input.rateLimitBurst } : {}),
    ...(input.ipAllowList !== undefined
      ? { ipAllowList: input.ipAllowList === null ? null : input.ipAllowList.join(",") }
      : {}),
  };
}
