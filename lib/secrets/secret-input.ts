import { z } from "zod";

// Pure: shared by the API (validation) and the Secrets form (messages before sending).

/** UPPER_SNAKE, so `{{ secrets.NAME }}` is a plain JSONata path and a name cannot hide in prose. */
export const secretNamePattern = /^[A-Z][A-Z0-9_]*$/;

export const secretNameSchema = z
  .string()
  .min(1, "Name is required")
  .max(64, "Name must be at most 64 characters")
  .regex(secretNamePattern, "Use UPPER_SNAKE_CASE: capital letters, digits and _, starting with a letter");

export const secretValueSchema = z
  .string()
  .min(1, "Value is required")
  .max(8_000, "Value must be at most 8000 characters")
  .refine((value) => !value.includes("\u0000"), "Value must not contain NUL characters")
  .refine((value) => value.trim() === value, "Value must not start or end with spaces or line breaks");

export const putSecretInput = z.strictObject({ value: secretValueSchema });
