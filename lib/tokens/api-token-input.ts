import { z } from "zod";

import { roleSchema } from "@/lib/users/user-input";
import { nameSchema } from "@/lib/validation/text";

// Shared by the API (validation) and the Tokens page (its choices and field messages).

/** The expiries the Tokens page offers, in days; the API takes any whole number of days up to ten years. */
export const apiTokenExpiryChoices = [7, 30, 90, 365] as const;
export const MAX_API_TOKEN_DAYS = 3650;

/**
 * POST /api/tokens. `role` is required (no silent default to the creator's own), and so is
 * `expiresInDays`: a number of days, or null for a token that does not expire.
 */
export const createApiTokenInput = z.strictObject({
  name: nameSchema,
  role: roleSchema,
  expiresInDays: z
    .int("Expiry must be a whole number of days, or null for never")
    .min(1, "Expiry must be at least 1 day")
    .max(MAX_API_TOKEN_DAYS, `Expiry must be at most ${MAX_API_TOKEN_DAYS} days`)
    .nullable(),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;
