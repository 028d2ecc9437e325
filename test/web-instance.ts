// Real web instances for multi-process tests: `node server.mjs` on the production build (run
// `npm run build` first), each on its own port and data folder, stopped by PID. Whatever a test
// file leaves running is killed by PID after it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll } from "vitest";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

/** Whether `npm run build` has produced the build server.mjs serves. */
export const isBuilt = existsSync(path.join(root, ".next", "BUILD_ID"));

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type WebInstance = {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /**
   * Resolves once its output from offset `since` on (default: all of it) matches `pattern`;
   * fails if it exits first, or after `timeoutMs`.
   */
  waitForOutput: (pattern: RegExp, what: string, opts?: { since?: number; timeoutMs?: number }) => Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` (default SIGTERM) to the process and resolves with how it exited. */
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
};

const running = new Set<ChildProcess>();

afterAll(() => {
  for (const child of running) if (child.pid) process.kill(child.pid, "SIGKILL");
  running.clear();
});

/**
 * Starts `node server.mjs` in production mode on 127.0.0.1:`port` with `env` (DATABASE_URL,
 * WORKBENCH_MASTER_KEY, …) and a data folder of its own, removed when it exits; resolves once it listens.
 */
export async function startWebInstance(opts: { port: number; env: Record<string, string> }): Promise<WebInstance> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "aw-instance-"));
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOSTNAME: "127.0.0.1",
      PORT: String(opts.port),
      WORKBENCH_DATA_DIR: dataDir,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const watcher of watchers) watcher();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
      for (const watcher of watchers) watcher();
    }),
  );

  const waitForOutput: WebInstance["waitForOutput"] = (pattern, what, { since = 0, timeoutMs = 60_000 } = {}) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`Timed out waiting for ${what}; output:\n${output}`)), timeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        watchers.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (pattern.test(output.slice(since))) settle();
        else if (!running.has(child)) settle(new Error(`The instance exited before ${what}; output:\n${output}`));
      };
      watchers.add(check);
      check();
    });

  await waitForOutput(/listening on /, `port ${opts.port} to listen`);
  return {
    pid: child.pid!,
    port: opts.port,
    origin: `http://127.0.0.1:${opts.port}`,
    output: () => output,
    waitForOutput,
    exited,
    stop: (signal = "SIGTERM") => {
      if (running.has(child)) process.kill(child.pid!, signal);
      return exited;
    },
  };
}
