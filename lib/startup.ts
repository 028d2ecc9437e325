import "server-only";

import { assertMasterKeyMatches } from "@/lib/crypto/master-key";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { startInstanceHeartbeat, type InstanceHeartbeat } from "@/lib/instances/instance-heartbeat";
import { bootstrapOwnerFromEnv } from "@/lib/users/bootstrap-owner";

/**
 * The web server's start-up, run once by lib/server/runtime.ts before it listens: migrations, a
 * master key that opens this database's secrets, the owner from WORKBENCH_OWNER_* on a fresh
 * database, then this instance's heartbeat (its share of webhook rate limits), which the caller
 * stops at shutdown so the others take over its share at their next beat. A failed check stops
 * the process. (`npm run worker` does not run this: worker processes take no share.)
 */
export async function startServer(): Promise<InstanceHeartbeat> {
  try {
    const db = await getDb();
    await assertMasterKeyMatches({ db });
    await bootstrapOwnerFromEnv({ db });
    return await startInstanceHeartbeat({ db, intervalMs: getEnv().WORKBENCH_HEARTBEAT_INTERVAL_MS });
  } catch (error) {
    console.error(`[workbench] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
