import { z } from "zod";

// Pure text rules shared by every domain's input schemas, used by the API (validation) and the UI
// (field messages before sending). PostgreSQL text cannot hold NUL characters: refused here as bad
// input rather than failing the insert.
export const withoutNul = (value: string) => !value.includes("\u0000");

/** The name of an agent, workflow or webhook. */
export const nameSchema = z
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
