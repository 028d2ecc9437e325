import "server-only";
import { getDb } from "@/lib/db";
import { assertMasterKeyMatches } from "@/lib/crypto/master-key";
import { startConfiguredWorker } from "@/lib/workflows/engine/start-configured-worker";

/**
 * Start-up, run once from instrumentation.ts before the first request: migrations, a master key
 * that opens this database's secrets, then the workflow worker. A failed check stops the process.
 */
export async function startServer(): Promise<void> {
  try {
    await assertMasterKeyMatches({ db: await getDb() });
  } catch (error) {
    console.error(`[workbench] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  await startConfiguredWorker({ exitOnSignal: true });
}
