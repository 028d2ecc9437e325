import "server-only";

import { getDatabaseTargetFromEnv, getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { closeSandboxPool } from "@/lib/workflows/sandbox/sandbox-pool";

import { isIngesting } from "../../webhooks/ingest/ingestion-load";
import { onExecutionQueued } from "./queue-signal";
import { startWorker, type Worker } from "./worker";

/**
 * Starts this process's worker from the environment and stops it gracefully on SIGTERM/SIGINT:
 * no new claims, running steps get WORKER_SHUTDOWN_GRACE_SECONDS to finish, the rest go back
 * to the queue. Used by the web server (instrumentation) and by `npm run worker`. The web server
 * (server.mjs) only stops accepting connections on the signal and leaves the exit to this handler;
 * a process killed outright has its runs taken over when their leases expire.
 */
export async function startConfiguredWorker(opts: {
  exitOnSignal: boolean;
  /** More shutdown work the exit waits for, started with the worker's (the web server's heartbeat). */
  stopAlso?: () => Promise<void>;
}): Promise<Worker | null> {
  const env = getEnv();
  if (env.WORKBENCH_WORKER === "off") return null;
  const worker = startWorker({
    db: await getDb(),
    provider: getDatabaseTargetFromEnv().provider,
    concurrency: env.WORKER_CONCURRENCY,
    pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
    leaseMs: env.WORKER_LEASE_SECONDS * 1000,
    shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
    isBusy: () => isIngesting(),
  });
  onExecutionQueued(worker.wake);
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`[workbench] ${signal}: stopping the worker (finishing or handing back running workflow runs)`);
    // Steps still running after the grace period are aborted (expression threads terminated), then the threads close.
    void Promise.allSettled([worker.stop().then(closeSandboxPool), opts.stopAlso?.()]).finally(() => {
      if (opts.exitOnSignal) process.exit(0);
    });
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  return worker;
}
