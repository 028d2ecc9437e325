// `npm run worker`: a process that only runs workflows (no web server), for scaling out on
// PostgreSQL. Run with the react-server condition (see package.json) so server-only modules load.
import { assertMasterKeyMatches } from "../lib/crypto/master-key";
import { getDb } from "../lib/db";
import { startConfiguredWorker, stopConfiguredWorker } from "../lib/workflows/engine/start-configured-worker";

async function main() {
  await assertMasterKeyMatches({ db: await getDb() });
  const worker = await startConfiguredWorker();
  if (!worker) throw new Error("WORKBENCH_WORKER=off: nothing to run");
  console.log(`[workbench] worker ${worker.id} started`);
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`[workbench] ${signal}: stopping the worker (finishing or handing back running workflow runs)`);
    // A second signal finds no listener left and ends the process at once.
    stopConfiguredWorker(worker).finally(() => process.exit(0));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}

main().catch((error) => {
  console.error(`[workbench] worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
