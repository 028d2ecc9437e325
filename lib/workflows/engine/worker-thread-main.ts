// The entry of the web server's worker thread (bundled to .next/workbench/worker-thread.mjs by
// scripts/build-server.mjs, started by lib/server/worker-thread.ts): runs workflows on their own
// thread with their own database connection, so answering webhooks and running workflows use
// both cores instead of taking turns on one. Messages: "wake" (a run was queued), "stop"
// (graceful stop, answered with "stopped" before the thread ends).
import { parentPort } from "node:worker_threads";

import { getDb } from "@/lib/db";

import { startConfiguredWorker, stopConfiguredWorker } from "./start-configured-worker";

async function main() {
  const port = parentPort;
  if (!port) throw new Error("worker-thread-main runs only as a worker thread");
  const worker = await startConfiguredWorker();
  if (!worker) return;
  port.postMessage({ type: "started", workerId: worker.id });
  port.on("message", (message: unknown) => {
    if (message === "wake") worker.wake();
    if (message !== "stop") return;
    stopConfiguredWorker(worker)
      .then(async () => (await getDb()).$disconnect())
      .finally(() => {
        port.postMessage({ type: "stopped" });
        port.close();
      });
  });
}

// A failed start ends the thread with its error; the supervisor logs it and starts a new one.
await main();
