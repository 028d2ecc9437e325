import { z } from "zod";

import { passwordSchema } from "@/lib/auth/password-policy";
import { roles } from "@/lib/auth/roles";
import { withoutNul } from "@/lib/validation/text";

// Shared by the API (validation) and the UI (field messages before sending).
// Emails are stored and compared in lower case: sign-in is case-insensitive.
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email("Enter a valid email address"));
export const userNameSchema = z
  .string()
  .trim()
  .max(100, "Name must be at most 100 characters")
  .refine(withoutNul, "Name must not contain NUL characters");
export const roleSchema = z.enum(roles, "Role must be viewer, builder, admin or owner");

/** POST /api/setup: the first owner. */
export const setupInput = z.strictObject({
  email: emailSchema,
  name: userNameSchema.optional().default(""),
  password: passwordSchema,
});

/** POST /api/users. */
export const createUserInput = z.strictObject({
  email: emailSchema,
  name: userNameSchema.optional().default(""),
  role: roleSchema,
  password: passwordSchema,
});

/** PATCH /api/users/:userId. */
export const updateUserInput = z
  .strictObject({ name: userNameSchema.optional(), role: roleSchema.optional(), password: passwordSchema.optional() })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "Send name, role or password to change",
  });

/** POST /api/auth/login. Only shapes are checked: a wrong password is answered like an unknown email. */
export const loginInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1_000),
});

/** POST /api/auth/password: the signed-in user's own password. The current one is only shape-checked (like sign-in). */
export const changePasswordInput = z.strictObject({
  currentPassword: z.string().max(1_000),
  newPassword: passwordSchema,
});

export type CreateUserInput = z.input<typeof createUserInput>;
export type UpdateUserInput = z.input<typeof updateUserInput>;
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
