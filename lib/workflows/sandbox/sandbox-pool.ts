import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { Piscina } from "piscina";

import { getEnv } from "@/lib/env";

// The threads that evaluate builder expressions. One pool per process, created on first use and
// destroyed on shutdown; an aborted task terminates its thread and piscina starts a new one.

// Resolved from the project root at run time rather than imported: Next bundles server code, and
// a worker thread needs a real file. `next start`, vitest and `npm run worker` all run from the root.
const workerFile = path.join(process.cwd(), "lib", "workflows", "sandbox", "jsonata-worker.mjs");

let pool: Piscina | undefined;

export function getSandboxPool(): Piscina {
  if (pool) return pool;
  if (!existsSync(workerFile))
    throw new Error(`The expression worker ${workerFile} is missing: start the Workbench from its project folder`);
  const env = getEnv();
  pool = new Piscina({
    filename: pathToFileURL(workerFile).href,
    minThreads: env.WORKFLOW_SANDBOX_THREADS,
    maxThreads: env.WORKFLOW_SANDBOX_THREADS,
    // Keep threads warm: starting one (loading jsonata) costs tens of milliseconds.
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: env.WORKFLOW_SANDBOX_MEMORY_MB, stackSizeMb: 4 },
  });
  // Errors of threads between tasks; without a listener an EventEmitter "error" would crash the server.
  pool.on("error", (error) => console.error("[workbench] expression thread failed", error));
  return pool;
}

/**
 * Starts the pool's threads and waits until each has loaded (one trivial task per thread). A worker
 * calls it before its first claim: a thread's start-up must not count against the first step's
 * time budget (a resumed run's Record Write holds its record lock under a 2 s budget).
 */
export async function warmSandboxPool(): Promise<void> {
  const warming = getSandboxPool();
  const task = { context: {}, jobs: [{ kind: "expression", expression: "1" }], maxOutputBytes: 1024, heapBudgetMb: 16 };
  await Promise.all(Array.from({ length: warming.options.minThreads }, () => warming.run(task)));
}

/** Stops every thread at once, failing tasks still running (their runs go back to the queue). */
export async function closeSandboxPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
