import "server-only";
import { z } from "zod";

// The only reader of process.env: every setting is parsed and documented here (and in the README).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset or `file:<path>` selects SQLite; `postgres://` or `postgresql://` selects PostgreSQL. */
  DATABASE_URL: z.string().trim().optional(),
  /** Folder for the default SQLite file and other local state. */
  WORKBENCH_DATA_DIR: z.string().trim().min(1).default("./data"),
  /**
   * 32 bytes (64 hex characters, or base64) that encrypt private keys at rest. Required in
   * production; in development one is created under WORKBENCH_DATA_DIR on first use.
   */
  WORKBENCH_MASTER_KEY: z.string().trim().optional(),
  /** Public base URL for webhook endpoints shown to builders, e.g. https://workbench.example.com. Defaults to the request's origin. */
  WORKBENCH_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** Largest webhook body accepted, in bytes (enforced while reading). */
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
