import "server-only";
import { getDb } from "@/lib/db";
import { assertMasterKeyMatches } from "@/lib/crypto/master-key";

/**
 * Start-up checks, run once from instrumentation.ts before the first request: migrations, and a
 * master key that opens this database's secrets. A failure stops the process with the reason.
 */
export async function startServer(): Promise<void> {
  try {
    await assertMasterKeyMatches({ db: await getDb() });
  } catch (error) {
    console.error(`[workbench] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
