import "server-only";

import { assertMasterKeyMatches } from "@/lib/crypto/master-key";
import { getDb } from "@/lib/db";
import { bootstrapOwnerFromEnv } from "@/lib/users/bootstrap-owner";

/**
 * The web server's start-up checks, run once by lib/server/runtime.ts before it listens:
 * migrations, a master key that opens this database's secrets, the owner from WORKBENCH_OWNER_*
 * on a fresh database. A failed check stops the process. (`npm run worker` does not run this.)
 */
export async function startServer(): Promise<void> {
  try {
    const db = await getDb();
    await assertMasterKeyMatches({ db });
    await bootstrapOwnerFromEnv({ db });
  } catch (error) {
    console.error(`[workbench] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
