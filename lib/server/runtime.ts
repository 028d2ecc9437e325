import "server-only";

import type { IncomingMessage, ServerResponse } from "node:http";

import { getEnv } from "@/lib/env";
import { startServer } from "@/lib/startup";
import { getIngestStore } from "@/lib/webhooks/ingest/get-ingest-store";
import { onExecutionQueued } from "@/lib/workflows/engine/queue-signal";

import { createAdmission } from "./admission";
import { createWebhookEndpoint, fastPathWebhookId } from "./webhook-endpoint";
import { startWorkerThread } from "./worker-thread";

// The entry server.mjs loads (bundled to .next/workbench/runtime.mjs by scripts/build-server.mjs):
// start-up checks, the webhook fast path, and the workflow worker on its own thread.

export type Runtime = {
  /** Answers the request and returns true when it is one for the fast path (POST /api/webhooks/:id). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Stops the worker gracefully at once, and closes the ingest store (writing what is pending)
   * once `requestsDone` resolves: requests still being answered must not find it closed.
   */
  stop(opts: { requestsDone: Promise<unknown> }): Promise<void>;
};

const log = (message: string, error?: unknown) => console.error(`[workbench] ${message}`, error ?? "");

export async function startRuntime(opts: { development: boolean }): Promise<Runtime> {
  await startServer();
  const env = getEnv();
  // Opened now, so the first webhook does not pay for it.
  await getIngestStore();
  const admission = createAdmission({
    maxInFlight: env.WEBHOOK_MAX_IN_FLIGHT,
    maxEventLoopDelayMs: env.WEBHOOK_SHED_EVENT_LOOP_DELAY_MS,
  });
  const handleWebhook = createWebhookEndpoint({ development: opts.development, admission });
  const workerThread =
    env.WORKBENCH_WORKER === "on"
      ? startWorkerThread({
          entry: new URL("./worker-thread.mjs", import.meta.url),
          stopTimeoutMs: (env.WORKER_SHUTDOWN_GRACE_SECONDS + 10) * 1000,
          log,
        })
      : null;
  // Runs queued on this thread (webhooks, retries, replays, test runs) wake the worker at once.
  const unsubscribe = workerThread ? onExecutionQueued(workerThread.wake) : () => undefined;

  return {
    handle(req, res) {
      const webhookId = fastPathWebhookId(req);
      if (webhookId === null) return false;
      handleWebhook(req, res, webhookId).catch((error) => {
        log(`webhook ${webhookId}: answering failed`, error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong" } }));
      });
      return true;
    },
    async stop({ requestsDone }) {
      unsubscribe();
      const workerStopped = workerThread?.stop();
      await requestsDone;
      admission.stop();
      await (await getIngestStore()).close();
      await workerStopped;
    },
  };
}
