import { z } from "zod";

// Pure and browser-safe: the rules a password must meet, shared by the API and the forms.
export const PASSWORD_MIN_LENGTH = 10;
// A cap keeps a hostile sign-in from making us hash megabytes.
export const PASSWORD_MAX_LENGTH = 200;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

/** The first rule a password breaks, for a message at the field; undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  const result = passwordSchema.safeParse(password);
  return result.success ? undefined : result.error.issues[0].message;
}
