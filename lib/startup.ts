import "server-only";

import { assertMasterKeyMatches } from "@/lib/crypto/master-key";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { startInstanceHeartbeat, type InstanceHeartbeat } from "@/lib/instances/instance-heartbeat";
import { bootstrapOwnerFromEnv } from "@/lib/users/bootstrap-owner";
import { startConfiguredWorker } from "@/lib/workflows/engine/start-configured-worker";

// server.mjs publishes when its HTTP server has closed (requests in flight answered).
const httpServerClosedKey = Symbol.for("workbench.httpServerClosed");

/**
 * Start-up, run once from instrumentation.ts before the first request: migrations, a master key
 * that opens this database's secrets, the owner from WORKBENCH_OWNER_* on a fresh database, this
 * instance's heartbeat (its share of webhook rate limits), then the workflow worker. A failed
 * check stops the process. (`npm run worker` does not run this: worker processes take no share.)
 */
export async function startServer(): Promise<void> {
  let heartbeat: InstanceHeartbeat;
  try {
    const db = await getDb();
    await assertMasterKeyMatches({ db });
    await bootstrapOwnerFromEnv({ db });
    heartbeat = await startInstanceHeartbeat({ db, intervalMs: getEnv().WORKBENCH_HEARTBEAT_INTERVAL_MS });
  } catch (error) {
    console.error(`[workbench] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // On SIGTERM/SIGINT the instance deregisters at once, so the others take over its share at
  // their next beat; the process exits once that and the worker's shutdown are done.
  const worker = await startConfiguredWorker({ exitOnSignal: true, stopAlso: heartbeat.stop });
  if (worker) return;
  // Without a worker this handler exits, after server.mjs has closed its server (which it then
  // leaves to this handler, as it would to the worker's).
  const onSignal = () => {
    const closed = (globalThis as Record<symbol, Promise<void> | undefined>)[httpServerClosedKey];
    void Promise.allSettled([heartbeat.stop(), closed]).finally(() => process.exit(0));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
