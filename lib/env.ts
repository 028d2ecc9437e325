import "server-only";
import { z } from "zod";

// The only reader of process.env: every setting is parsed and documented here (and in the README).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset or `file:<path>` selects SQLite; `postgres://` or `postgresql://` selects PostgreSQL. */
  DATABASE_URL: z.string().trim().optional(),
  /** Folder for the default SQLite file and other local state. */
  WORKBENCH_DATA_DIR: z.string().trim().min(1).default("./data"),
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
