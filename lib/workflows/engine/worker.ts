import "server-only";

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

import type { Db } from "@/lib/db";

import { claimExecutions, type Provider } from "./claim-executions";
import { runExecution } from "./run-execution";

export type WorkerOptions = {
  db: Db;
  provider: Provider;
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  /** How long stop() lets running steps finish before it interrupts them and hands their runs back. */
  shutdownGraceMs: number;
  workerId?: string;
  log?: (message: string, error?: unknown) => void;
};

export type Worker = { id: string; wake: () => void; stop: () => Promise<void>; idle: () => boolean };

/**
 * Polls the Execution table for due runs and executes up to `concurrency` at once. Any number of
 * workers, in this process or others, can share a database: claims are atomic and leased.
 */
export function startWorker(opts: WorkerOptions): Worker {
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const log = opts.log ?? ((message, error) => console.error(`[worker ${id}] ${message}`, error ?? ""));
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  let stopping = false;
  let wakeUp: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop() {
    while (!stopping) {
      const free = opts.concurrency - running.size;
      let claimed: string[] = [];
      if (free > 0) {
        try {
          claimed = await claimExecutions({
            db: opts.db,
            provider: opts.provider,
            workerId: id,
            limit: free,
            leaseMs: opts.leaseMs,
          });
        } catch (error) {
          log("could not claim runs", error);
        }
      }
      for (const executionId of claimed) {
        const run = runExecution({
          db: opts.db,
          executionId,
          workerId: id,
          leaseMs: opts.leaseMs,
          shutdownSignal: shutdown.signal,
        })
          .catch((error) => log(`run ${executionId} crashed`, error))
          .finally(() => {
            running.delete(run);
            wakeUp?.();
          });
        running.add(run);
      }
      // A full batch may mean more are due: look again at once. Otherwise wait for the next poll,
      // a finished run (a free slot) or a wake() from the hot path.
      if (claimed.length === 0 || claimed.length < free) await sleep(opts.pollIntervalMs);
    }
  }

  const looping = loop();

  return {
    id,
    wake: () => wakeUp?.(),
    idle: () => running.size === 0,
    async stop() {
      if (stopping) return looping;
      stopping = true;
      wakeUp?.();
      await looping;
      const graceful = Promise.all([...running]);
      const timer = setTimeout(() => shutdown.abort(new Error("The worker is shutting down")), opts.shutdownGraceMs);
      await graceful;
      clearTimeout(timer);
    },
  };
}
