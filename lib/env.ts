import "server-only";

import { z } from "zod";

import { parseAllowList } from "@/lib/outbound/address-policy";

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
  /**
   * Creates the owner at start-up while the database has no user yet, for automated deployments
   * (with WORKBENCH_OWNER_PASSWORD). Ignored once any user exists. Checked by the web server's
   * start-up only (lib/users/bootstrap-owner.ts), so a worker process never fails because of it.
   */
  WORKBENCH_OWNER_EMAIL: z.string().trim().optional(),
  /** The bootstrapped owner's password (at least 10 characters); remove it from the environment once the owner exists. */
  WORKBENCH_OWNER_PASSWORD: z.string().optional(),
  /** The bootstrapped owner's display name. */
  WORKBENCH_OWNER_NAME: z.string().trim().optional(),
  /** "off" keeps this process from running workflows (e.g. web-only instances next to `npm run worker`). */
  WORKBENCH_WORKER: z.enum(["on", "off"]).default("on"),
  /** Runs one worker process executes at the same time. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** How often an idle worker looks for due runs. */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How long a claimed run stays with its worker without a renewal; after that another worker takes it over. */
  WORKER_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(30),
  /** On SIGTERM, how long running steps may finish before their runs are handed back to the queue. */
  WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(10),
  /** Largest webhook body accepted, in bytes (enforced while reading). */
  WEBHOOK_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * Requests per second each webhook accepts, refilling its burst (a token bucket), unless the
   * webhook sets its own. Counted per instance: N instances accept up to N times as much.
   */
  WEBHOOK_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Requests a webhook accepts at once before WEBHOOK_RATE_LIMIT_PER_SECOND applies, unless the webhook sets its own. */
  WEBHOOK_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(200),
  /**
   * Webhook requests this process works on at once (from arrival to answer). Past it, a request is
   * answered 503 with Retry-After before its body is read: nothing is stored, so the sender's retry
   * is safe, and the requests already admitted keep their quick answers.
   */
  WEBHOOK_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(128),
  /** Event-loop delay past which webhook requests are refused the same way: the process is too busy to answer at once. */
  WEBHOOK_SHED_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(10).max(10_000).default(100),
  /**
   * Reverse proxies in front of the Workbench that each append the address they were connected
   * from to X-Forwarded-For. The client's address (sign-in throttling, sessions, the audit log,
   * webhook IP allow-lists and the delivery log) is the entry this many positions from the right;
   * with 0 (no proxy), or when the header has fewer entries, it is the connection's own address.
   * Set it to the real number of proxies: too high and clients can write their own address.
   */
  WORKBENCH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Internal hosts that workflow steps (HTTP Request, Notify, LLM providers) may reach anyway:
   * comma-separated hostnames (`*.corp.example` for subdomains), IP addresses and CIDR ranges,
   * e.g. `127.0.0.1/32,ollama.internal`. Unset: only public addresses are contacted.
   */
  WORKFLOW_HTTP_ALLOW: z
    .string()
    .optional()
    .transform((text, ctx) => {
      try {
        return parseAllowList(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * Worker threads that evaluate builder expressions (JSONata, {{ templates }}) apart from the
   * server's own thread, so a runaway expression can be stopped. Queued work waits for a free thread.
   */
  WORKFLOW_SANDBOX_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** Heap, in MB, each expression thread may use; past it the step fails with "Step used more than N MB". */
  WORKFLOW_SANDBOX_MEMORY_MB: z.coerce.number().int().min(128).max(16_384).default(256),
  /**
   * Largest output a step may produce, in bytes of JSON; past it the step fails. Keep it above
   * WORKFLOW_HTTP_MAX_RESPONSE_BYTES so a whole HTTP response fits.
   */
  WORKFLOW_STEP_MAX_OUTPUT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** Largest response body, in bytes, that HTTP Request, Notify and LLM steps read before failing. */
  WORKFLOW_HTTP_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
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
