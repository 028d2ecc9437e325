// Real Workbench servers (node server.mjs on the production build) for tests that load, signal,
// kill and restart them: started on a free port of this suite's range with the test's
// environment, stopped by PID; the management API as the bootstrapped owner (agent, workflow,
// webhook and key); signed webhook requests. Needs `npm run build` first.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";

import {
  createEmptyDatabase,
  isProviderAvailable,
  skipUnlessAvailable,
  type EmptyDatabase,
  type Provider,
} from "./databases";
import { sign, TEST_MASTER_KEY } from "./webhook-app";

const root = process.cwd();

/** Whether `npm run build` has made both Next's build and the server bundle server.mjs loads. */
export const serverBuilt =
  existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(path.join(root, ".next", "workbench", "runtime.mjs"));

/** On CI a missing build fails the file instead of skipping it. */
export function requireServerBuild(file: string): void {
  if (!serverBuilt && process.env.CI === "true") throw new Error(`${file} needs a build: run \`npm run build\``);
}

/** The owner every server bootstraps on a fresh database (WORKBENCH_OWNER_*). */
export const owner = { email: "owner@example.com", password: "owner password 1234" };

// The ports these tests may listen on (the machine's other test runs use other ranges).
const PORT_RANGE = { first: 4400, last: 4449 };

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type WorkbenchServer = {
  pid: number;
  origin: string;
  /** Resolves with the exit code, or the signal that ended the process. */
  exited: Promise<Exit>;
  /** Everything the process printed so far (stdout and stderr), for assertions and failure messages. */
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
};

const running = new Set<WorkbenchServer>();

// Whatever a test leaves running is killed by its PID.
afterAll(() => {
  for (const server of running) server.kill("SIGKILL");
  running.clear();
});

/** `promise`, or the error `onTimeout` returns once `ms` have passed without it settling. */
async function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function findFreePort(): Promise<number> {
  const size = PORT_RANGE.last - PORT_RANGE.first + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = PORT_RANGE.first + ((start + i) % size);
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port in ${PORT_RANGE.first}-${PORT_RANGE.last}`);
}

function startOnce(opts: { databaseUrl: string; dataDir: string; port: number; env: Record<string, string> }) {
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOSTNAME: "127.0.0.1",
      PORT: String(opts.port),
      DATABASE_URL: opts.databaseUrl,
      WORKBENCH_DATA_DIR: opts.dataDir,
      WORKBENCH_MASTER_KEY: TEST_MASTER_KEY,
      WORKBENCH_OWNER_EMAIL: owner.email,
      WORKBENCH_OWNER_PASSWORD: owner.password,
      WORKBENCH_TRUSTED_PROXY_HOPS: "0",
      WORKER_POLL_INTERVAL_MS: "100",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close" rather than "exit": by then everything the process printed has been read.
  const exited = new Promise<Exit>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  const server: WorkbenchServer = {
    pid: child.pid!,
    origin: `http://127.0.0.1:${opts.port}`,
    exited,
    output: () => output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  const listening = new Promise<boolean>((resolve) => {
    child.stdout.on("data", () => {
      if (/ listening on /.test(output)) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  return { server, listening };
}

/** A hang detector for start-up (migrations, Next's preparation), with room for a loaded machine. */
const START_DEADLINE_MS = 60_000;

/**
 * Starts `node server.mjs` against the database with `env` on top of the test defaults (the
 * owner, a fixed master key, a 100 ms worker poll); resolves once it listens.
 */
export async function startWorkbenchServer(opts: {
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<WorkbenchServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const { server, listening } = startOnce({ ...opts, port, env: opts.env ?? {} });
    const started = await withDeadline(listening, START_DEADLINE_MS, () => {
      server.kill("SIGKILL");
      return new Error(`server.mjs did not listen within ${START_DEADLINE_MS} ms:\n${server.output()}`);
    });
    if (started) return server;
    // Another test file may have taken the port between the probe and the listen: try another.
    if (/EADDRINUSE/.test(server.output()) && attempt < 5) continue;
    throw new Error(`server.mjs exited (${JSON.stringify(await server.exited)}) before listening:\n${server.output()}`);
  }
}

/** The server's exit; one still running after `timeoutMs` is killed and the test fails (a hang, not a slow stop). */
export function exitOfWorkbenchServer(server: WorkbenchServer, opts: { timeoutMs?: number } = {}): Promise<Exit> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return withDeadline(server.exited, timeoutMs, () => {
    server.kill("SIGKILL");
    return new Error(`server.mjs did not exit within ${timeoutMs} ms:\n${server.output()}`);
  });
}

/** SIGTERM (a graceful stop; a second signal would end the process at once), then the exit. */
export function stopWorkbenchServer(server: WorkbenchServer, opts: { timeoutMs?: number } = {}): Promise<Exit> {
  server.kill("SIGTERM");
  return exitOfWorkbenchServer(server, opts);
}

export type ServerDatabase = {
  /** What the servers are started with. */
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** The test's own client, to read what the servers stored (use it once a server has migrated the database). */
  readonly db: Db;
};

/**
 * Registers hooks giving the enclosing suite an empty database of `provider` (skipped when it is
 * unreachable), which the first server started on it migrates, and a data folder; both go after the suite.
 */
export function useServerDatabase(provider: Provider): ServerDatabase {
  let database: EmptyDatabase | undefined;
  let dataDir = "";
  let db: Db | undefined;
  skipUnlessAvailable(provider);
  beforeAll(async () => {
    if (!isProviderAvailable(provider)) return;
    database = await createEmptyDatabase(provider);
    dataDir = mkdtempSync(path.join(tmpdir(), "aw-server-"));
    db = createClient(database.target);
  });
  afterAll(async () => {
    // Servers first: a database still in use cannot be dropped cleanly.
    for (const server of running) server.kill("SIGKILL");
    await Promise.all([...running].map((server) => server.exited));
    await db?.$disconnect();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The server database is not ready (used outside a test?)");
    return value;
  };
  return {
    get databaseUrl() {
      return ready(database).databaseUrl;
    },
    get dataDir() {
      return ready(dataDir || undefined);
    },
    get db() {
      return ready(db);
    },
  };
}

export type ManagementApi = <T>(method: string, pathname: string, body?: unknown) => Promise<T>;

/** The management API as the bootstrapped owner, signed in once. */
export async function signInAsOwner(origin: string): Promise<ManagementApi> {
  let cookie = "";
  const api: ManagementApi = async (method, pathname, body) => {
    const response = await fetch(origin + pathname, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(payload)}`);
    cookie = response.headers.get("set-cookie")?.split(";")[0] ?? cookie;
    return payload;
  };
  await api("POST", "/api/auth/login", owner);
  return api;
}

export type SignedWebhook = { agentId: string; workflowId: string; webhookId: string; privateKey: string };

/**
 * An agent, a workflow with `definition`, and a webhook running it with a generated key; its own
 * rate limit is far above what a test sends, so only admission control refuses requests.
 */
export async function createSignedWebhook(opts: { api: ManagementApi; definition: unknown }): Promise<SignedWebhook> {
  const { api } = opts;
  const { agent } = await api<{ agent: { id: string } }>("POST", "/api/agents", { name: "Crash tests" });
  const { workflow } = await api<{ workflow: { id: string } }>("POST", `/api/agents/${agent.id}/workflows`, {
    name: "Under test",
    definition: opts.definition,
  });
  const { webhook } = await api<{ webhook: { id: string } }>("POST", `/api/agents/${agent.id}/webhooks`, {
    name: "Under test",
    workflowId: workflow.id,
    rateLimitPerSecond: 10_000,
    rateLimitBurst: 100_000,
  });
  const { keyFile } = await api<{ keyFile: { privateKey: string } }>(
    "POST",
    `/api/agents/${agent.id}/webhooks/${webhook.id}/key`,
  );
  return { agentId: agent.id, workflowId: workflow.id, webhookId: webhook.id, privateKey: keyFile.privateKey };
}

export type WebhookReply = { status: number; headers: IncomingHttpHeaders; body: Record<string, unknown> };

/** POSTs `body` as JSON to the webhook, signed with its key. Rejects when the connection fails before an answer. */
export function postSigned(opts: {
  origin: string;
  webhook: SignedWebhook;
  body: unknown;
  agent?: Agent;
}): Promise<WebhookReply> {
  const text = JSON.stringify(opts.body);
  const url = new URL(`/api/webhooks/${opts.webhook.webhookId}`, opts.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        agent: opts.agent ?? false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          "x-signature": sign(opts.webhook.privateKey, text),
        },
      },
      (res) => {
        let received = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (received += chunk));
        res.on("error", reject);
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(received) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}
