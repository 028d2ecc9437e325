// `npm run bench`: builds and starts the production server on 127.0.0.1, drives the webhook
// endpoint with signed 1 KB bodies (autocannon: 50 connections, 10 s after a 10 s warm-up),
// prints requests/s, p50/p99 latency and the server's memory, and checks that every 202 it
// got was stored. Options: --skip-build, --postgres (a fresh database on the local server,
// dropped after), --duration=<s>, --connections=<n>, --no-worker (ingestion alone: the in-process
// worker is off, as on a web-only instance).
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import autocannon from "autocannon";
import pg from "pg";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => arg.replace(/^--/, "").split("="))
    .map(([k, v]) => [k, v ?? true]),
);
const duration = Number(args.duration ?? 10);
const connections = Number(args.connections ?? 50);
const port = 3900 + Math.floor(Math.random() * 90);
const origin = `http://127.0.0.1:${port}`;
const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// The management API needs a session: the server creates this owner at start-up (WORKBENCH_OWNER_*).
const owner = { email: "bench@example.com", password: randomBytes(16).toString("hex") };
let sessionCookie = "";

async function api(method, pathname, body) {
  const headers = { "content-type": "application/json", ...(sessionCookie ? { cookie: sessionCookie } : {}) };
  const response = await fetch(origin + pathname, { method, headers, body: body && JSON.stringify(body) });
  const payload = await response.json();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(payload)}`);
  sessionCookie = response.headers.get("set-cookie")?.split(";")[0] ?? sessionCookie;
  return payload;
}

function run(opts) {
  return new Promise((resolve, reject) =>
    autocannon(opts, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

if (!args["skip-build"])
  execFileSync("npx", ["next", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });

const dataDir = mkdtempSync(path.join(tmpdir(), "aw-bench-"));
const database = `aw_bench_${process.pid}_${Date.now()}`;
const databaseUrl = args.postgres
  ? Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString()
  : `file:${path.join(dataDir, "bench.db")}`;
if (args.postgres) await adminQuery(`CREATE DATABASE "${database}"`);

const server = spawn(process.execPath, [path.join(root, "server.mjs")], {
  cwd: root,
  env: {
    ...process.env,
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    WORKBENCH_WORKER: args["no-worker"] ? "off" : "on",
    DATABASE_URL: databaseUrl,
    WORKBENCH_DATA_DIR: dataDir,
    WORKBENCH_MASTER_KEY: randomBytes(32).toString("hex"),
    WORKBENCH_OWNER_EMAIL: owner.email,
    WORKBENCH_OWNER_PASSWORD: owner.password,
  },
  stdio: ["ignore", "ignore", "inherit"],
});

try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${origin}/api/health`).catch(() => null))?.ok) break;
    if (i > 100) throw new Error("server did not become healthy");
    await sleep(200);
  }
  await api("POST", "/api/auth/login", owner);
  const { agent } = await api("POST", "/api/agents", { name: "Bench agent" });
  const { workflow } = await api("POST", `/api/agents/${agent.id}/workflows`, { name: "Bench workflow" });
  // The benchmark measures throughput, so its webhook's own rate limit is far above what one instance serves,
  // and it sends one body over and over, which replay protection would answer as duplicates.
  const { webhook } = await api("POST", `/api/agents/${agent.id}/webhooks`, {
    name: "Bench webhook",
    workflowId: workflow.id,
    replayProtection: false,
    rateLimitPerSecond: 10_000,
    rateLimitBurst: 100_000,
  });
  const { keyFile } = await api("POST", `/api/agents/${agent.id}/webhooks/${webhook.id}/key`);

  const body = JSON.stringify({
    event: "payment.processed",
    paymentId: "pay_123",
    amount: 4200,
    currency: "EUR",
    note: "x".repeat(880),
  });
  // Every 202 names its delivery: collect them to check afterwards that each one was stored.
  const acceptedIds = new Set();
  const setupClient = (client) =>
    client.on("body", (buffer) => {
      const id = JSON.parse(buffer.toString()).deliveryId;
      if (id) acceptedIds.add(id);
    });
  const request = {
    setupClient,
    url: `${origin}/api/webhooks/${webhook.id}`,
    method: "POST",
    connections,
    body,
    headers: {
      "content-type": "application/json",
      "x-signature": createHmac("sha256", keyFile.privateKey).update(body).digest("hex"),
    },
  };
  console.log(
    `\nbody ${Buffer.byteLength(body)} bytes, ${connections} connections, ${args.postgres ? "PostgreSQL" : "SQLite"}; warming up ${duration} s…`,
  );
  const rssBefore = rssMiB(server.pid);
  await run({ ...request, duration });
  const result = await run({ ...request, duration });
  const rssAfter = rssMiB(server.pid);

  const ids = [...acceptedIds];
  // Which of them are stored, and how far the worker got with their runs meanwhile.
  const { storedCount, runs } = args.postgres
    ? await (async () => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const stored = await client.query(
          `SELECT count(*)::int AS n FROM "Delivery" WHERE outcome = 'accepted' AND id = ANY($1)`,
          [ids],
        );
        const statuses = await client.query(`SELECT status, count(*)::int AS n FROM "Execution" GROUP BY status`);
        await client.end();
        return { storedCount: stored.rows[0].n, runs: statuses.rows };
      })()
    : (() => {
        const db = new (createRequire(import.meta.url)("better-sqlite3"))(path.join(dataDir, "bench.db"), {
          readonly: true,
        });
        const find = db.prepare(`SELECT 1 FROM "Delivery" WHERE outcome = 'accepted' AND id = ?`);
        const statuses = db.prepare(`SELECT status, count(*) AS n FROM "Execution" GROUP BY status`).all();
        return { storedCount: ids.filter((id) => find.get(id)).length, runs: statuses };
      })();
  console.log(`
requests/s   ${result.requests.average.toFixed(0)} (min ${result.requests.min}, max ${result.requests.max})
latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms
responses    ${result["2xx"]} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts
server RSS   ${rssBefore} MiB after start-up, ${rssAfter} MiB after the run
stored       ${storedCount} of the ${ids.length} deliveries answered 202 (warm-up + run) are in the database: ${storedCount === ids.length ? "all stored" : "MISSING SOME"}
runs         ${runs.map((row) => `${row.n} ${row.status}`).join(", ")} (the in-process worker ${args["no-worker"] ? "was off" : "ran them meanwhile"})`);
  if (storedCount !== ids.length || result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
  if (args.postgres) await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
process.exit();
