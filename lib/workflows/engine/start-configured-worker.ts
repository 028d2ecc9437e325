import "server-only";

import { getDatabaseTargetFromEnv, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { closeSandboxPool } from "@/lib/workflows/sandbox/sandbox-pool";

import { onExecutionQueued } from "./queue-signal";
import { startWorker, type Worker } from "./worker";

/**
 * Starts a worker from the environment, woken by runs queued in its own thread. Used by the web
 * server's worker thread (worker-thread-main.ts) and by `npm run worker` (scripts/worker.ts).
 */
export async function startConfiguredWorker(): Promise<Worker | null> {
  const env = getEnv();
  if (env.WORKBENCH_WORKER === "off") return null;
  const worker = startWorker({
    db: await getDb(),
    provider: getDatabaseTargetFromEnv().provider,
    concurrency: env.WORKER_CONCURRENCY,
    pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
    leaseMs: env.WORKER_LEASE_SECONDS * 1000,
    shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
  });
  onExecutionQueued(worker.wake);
  return worker;
}

/**
 * Graceful stop: no new claims, running steps get WORKER_SHUTDOWN_GRACE_SECONDS to finish, the
 * rest are aborted (expression threads terminated) and handed back to the queue; then the
 * sandbox threads close. A process killed outright has its runs taken over when their leases expire.
 */
export async function stopConfiguredWorker(worker: Worker): Promise<void> {
  await worker.stop();
  await closeSandboxPool();
}
