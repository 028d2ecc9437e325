// A workflow worker in its own process, for tests that kill or signal a real worker. Configured
// by the environment exactly like `npm run worker` (DATABASE_URL, WORKER_*), and run the same way:
// tsx --conditions=react-server test/worker-child.ts. Prints {"workerId": …, "pid": …} once it
// polls; SIGTERM stops it gracefully (exit 0). It exits when its stdin closes, so a test runner
// that dies cannot leave it running.
import { startConfiguredWorker, stopConfiguredWorker } from "../lib/workflows/engine/start-configured-worker";

process.stdin.on("end", () => process.exit(1));
process.stdin.resume();

async function main() {
  const worker = await startConfiguredWorker();
  if (!worker) throw new Error("WORKBENCH_WORKER=off: nothing to run");
  process.once("SIGTERM", () => stopConfiguredWorker(worker).finally(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ workerId: worker.id, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
