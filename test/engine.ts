// The workflow engine on a throwaway database per provider: its modules loaded fresh with outbound
// calls to 127.0.0.1 allowed (so steps can call local test servers), helpers to queue and run
// workflows, real worker processes (test/worker-child.ts) cleaned up by PID, and polling.
import { spawn, type ChildProcess } from "node:child_process";
import type { ServerResponse } from "node:http";
import { constants } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeEach, expect } from "vitest";

import type { DatabaseTarget } from "@/lib/db/database-target";

import { useMigratedDatabase, type MigratedDatabase, type Provider } from "./databases";
import { useFreshModules } from "./fresh-modules";
import { startLocalServer, type LocalServer, type ReceivedRequest } from "./local-server";
import { TEST_MASTER_KEY } from "./webhook-app";

async function loadEngine() {
  return {
    ...(await import("@/lib/workflows/engine/claim-executions")),
    ...(await import("@/lib/workflows/engine/run-execution")),
    ...(await import("@/lib/workflows/engine/worker")),
    ...(await import("@/lib/executions/test-run-workflow")),
    ...(await import("@/lib/executions/retry-execution")),
    ...(await import("@/lib/executions/get-execution")),
    ...(await import("@/lib/agents/create-agent")),
    ...(await import("@/lib/workflows/create-workflow")),
  };
}

export type Engine = Awaited<ReturnType<typeof loadEngine>>;

export const allowLocalCalls = { WORKFLOW_HTTP_ALLOW: "127.0.0.1" };

export type EngineHarness = {
  readonly database: MigratedDatabase;
  readonly engine: Engine;
  /** An agent and a workflow with this definition, and a test run of it queued with `body`. */
  queueTestRun: (
    definition: unknown,
    body?: unknown,
  ) => Promise<{ agentId: string; workflowId: string; executionId: string }>;
  /** Claims the one due run as `workerId` and runs it to its outcome. */
  claimAndRun: (workerId: string, opts?: { leaseMs?: number; shutdownSignal?: AbortSignal }) => Promise<string>;
  /** Makes a queued run due now (it was waiting for its backoff). */
  makeDue: (executionId: string) => Promise<void>;
  /** A local server that answers with `handle`; closed after the test. */
  startServer: (handle: (request: ReceivedRequest, response: ServerResponse) => unknown) => Promise<LocalServer>;
};

/**
 * Registers hooks giving the enclosing provider suite a migrated database (emptied before each
 * test, since workers claim any due run) and the engine's modules, loaded with `env` set.
 */
export function useEngine(provider: Provider, opts: { env?: Record<string, string> } = {}): EngineHarness {
  const database = useMigratedDatabase(provider);
  const fresh = useFreshModules({ env: { ...allowLocalCalls, ...opts.env }, load: loadEngine });
  const servers: LocalServer[] = [];
  beforeEach(() => database.reset());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  const harness: EngineHarness = {
    database,
    get engine() {
      return fresh.modules;
    },
    async queueTestRun(definition, body = {}) {
      const { db } = database;
      const { createAgent, createWorkflow, testRunWorkflow } = harness.engine;
      const agent = await createAgent({ db, input: { name: "Payments" } });
      const workflow = await createWorkflow({
        db,
        agentId: agent.id,
        input: { name: "Payment processed", definition },
      });
      const execution = await testRunWorkflow({ db, workflowId: workflow.id, input: { body } });
      return { agentId: agent.id, workflowId: workflow.id, executionId: execution.id };
    },
    async claimAndRun(workerId, opts = {}) {
      const { db } = database;
      const leaseMs = opts.leaseMs ?? 30_000;
      const claimed = await harness.engine.claimExecutions({ db, provider, workerId, limit: 10, leaseMs });
      expect(claimed, "exactly one run should be due").toHaveLength(1);
      return harness.engine.runExecution({
        db,
        executionId: claimed[0],
        workerId,
        leaseMs,
        shutdownSignal: opts.shutdownSignal ?? new AbortController().signal,
      });
    },
    async makeDue(executionId) {
      await database.db.execution.update({ where: { id: executionId }, data: { runAt: new Date(Date.now() - 1_000) } });
    },
    async startServer(handle) {
      const server = await startLocalServer(handle);
      servers.push(server);
      return server;
    },
  };
  return harness;
}

/** Polls `check` every `intervalMs` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  opts: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${opts.what}`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 25));
  }
}

/** The DATABASE_URL that points a worker process at a test database. */
export function databaseUrlOf(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? `file:${target.filePath}` : target.url;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type WorkerChild = {
  /** The worker process itself (tsx runs it as a child of its own CLI process). */
  pid: number;
  workerId: string;
  /** Resolves when the process has exited: with its code, or the signal that ended it. */
  exited: Promise<Exit>;
  /** Sends `signal` to the worker process. */
  kill: (signal: NodeJS.Signals) => void;
};

const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
const childScript = path.join(process.cwd(), "test/worker-child.ts");
const running = new Map<ChildProcess, number | null>();

function killIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as { code?: string }).code !== "ESRCH") throw error;
  }
}

// Whatever a test leaves running is killed by its PID: the worker process and tsx's own.
afterAll(() => {
  for (const [child, workerPid] of running) {
    if (workerPid) killIfRunning(workerPid, "SIGKILL");
    if (child.pid) killIfRunning(child.pid, "SIGKILL");
  }
  running.clear();
});

type Started = { workerId: string; pid: number };

/** The line a worker process prints once it polls: test/worker-child.ts's JSON, or `npm run worker`'s log line. */
function startedFrom(line: string): Started | null {
  if (line.startsWith("{")) return JSON.parse(line) as Started;
  // Worker ids are <host>:<pid>:<random>.
  const workerId = /^\[workbench\] worker (\S+) started$/.exec(line)?.[1];
  return workerId ? { workerId, pid: Number(workerId.split(":").at(-2)) } : null;
}

/** tsx exits with 128 + N when the process it runs is ended by signal N. */
function exitOf(code: number | null, signal: NodeJS.Signals | null): Exit {
  const bySignal =
    code !== null && code > 128
      ? Object.entries(constants.signals).find(([, number]) => number === code - 128)
      : undefined;
  return bySignal ? { code: null, signal: bySignal[0] as NodeJS.Signals } : { code, signal };
}

/**
 * Starts a worker process (test/worker-child.ts, or `script` such as scripts/worker.ts) against
 * the database with these settings; resolves once it polls.
 */
export async function startWorkerChild(opts: {
  target: DatabaseTarget;
  env?: Record<string, string>;
  script?: string;
}): Promise<WorkerChild> {
  const child = spawn(
    tsx,
    ["--conditions=react-server", opts.script ? path.join(process.cwd(), opts.script) : childScript],
    {
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: databaseUrlOf(opts.target),
        WORKBENCH_MASTER_KEY: TEST_MASTER_KEY,
        WORKER_POLL_INTERVAL_MS: "100",
        WORKER_LEASE_SECONDS: "5",
        ...allowLocalCalls,
        ...opts.env,
      },
    },
  );
  running.set(child, null);
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve(exitOf(code, signal));
    }),
  );
  const started = await new Promise<Started>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const found = stdout.split("\n").slice(0, -1).map(startedFrom).find(Boolean);
      if (found) resolve(found);
    });
    exited.then(({ code, signal }) =>
      reject(new Error(`The worker process exited (${code ?? signal}) before it started: ${stderr}`)),
    );
  });
  if (running.has(child)) running.set(child, started.pid);
  return {
    ...started,
    exited,
    kill: (signal) => {
      if (running.has(child)) killIfRunning(started.pid, signal);
    },
  };
}
