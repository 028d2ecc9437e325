import { Worker } from "node:worker_threads";

// Starts the workflow worker on its own thread (lib/workflows/engine/worker-thread-main.ts) and
// keeps it running: a thread that ends without being asked to (an uncaught error) is logged and
// started again after a growing pause, so a bad deploy cannot spin. Its runs are not lost: the
// new thread (or any worker) takes them over when their leases expire.

export type WorkerThread = {
  /** Tells the worker a run was queued; several calls in one turn of the event loop send one message. */
  wake(): void;
  /** Graceful stop (the worker's grace period, then its runs go back to the queue); resolves when the thread has ended. */
  stop(): Promise<void>;
};

const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function startWorkerThread(opts: {
  entry: URL;
  /** How long stop() waits for a graceful end before terminating the thread. */
  stopTimeoutMs: number;
  log: (message: string, error?: unknown) => void;
}): WorkerThread {
  let thread: Worker;
  let alive = false;
  let stopping = false;
  let failures = 0;
  let wakePending = false;
  let restartTimer: NodeJS.Timeout | undefined;

  const spawn = () => {
    const current = new Worker(opts.entry);
    thread = current;
    alive = true;
    current.on("message", (message: { type?: string }) => {
      if (message?.type === "started") failures = 0;
    });
    current.on("error", (error) => opts.log("the worker thread failed", error));
    current.on("exit", (code) => {
      alive = false;
      if (stopping) return;
      const delay = RESTART_DELAYS_MS[Math.min(failures++, RESTART_DELAYS_MS.length - 1)];
      opts.log(`the worker thread ended (exit code ${code}); starting a new one in ${delay / 1000} s`);
      restartTimer = setTimeout(spawn, delay);
    });
  };
  spawn();

  return {
    wake() {
      if (wakePending || stopping || !alive) return;
      wakePending = true;
      setImmediate(() => {
        wakePending = false;
        if (alive) thread.postMessage("wake");
      });
    },
    stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const current = thread;
      if (!alive) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => void current.terminate(), opts.stopTimeoutMs);
        current.once("exit", () => {
          clearTimeout(deadline);
          resolve();
        });
        current.postMessage("stop");
      });
    },
  };
}
