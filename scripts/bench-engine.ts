// The workflow engine alone, without HTTP: a fresh database (SQLite file; with --postgres also a
// fresh PostgreSQL database, dropped after) migrated like the app's, N queued webhook runs of a
// Transform + Record Write workflow inserted directly, then timed while startWorker drains them.
// Prints runs/s per database. Run: npx tsx --conditions=react-server scripts/bench-engine.ts
//   --runs=<n> (5000)  --warmup=<n> (500, untimed, so the JIT has settled)  --accounts=<n> (500
//   distinct records the runs write)  --concurrency=<n> (WORKER_CONCURRENCY)  --providers=sqlite,postgresql
//   --cpu-profile=<dir> (a V8 CPU profile of each timed drain alone, for Chrome DevTools or speedscope)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

import { createClient, type Db } from "../lib/db/create-client";
import type { DatabaseTarget } from "../lib/db/database-target";
import { migrateDatabase } from "../lib/db/migrate";
import { getEnv } from "../lib/env";
import { createId } from "../lib/ids";
import { startWorker } from "../lib/workflows/engine/worker";
import { closeSandboxPool } from "../lib/workflows/sandbox/sandbox-pool";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => arg.replace(/^--/, "").split("="))
    .map(([key, value]) => [key, value ?? "true"]),
);
const runs = Number(args.runs ?? 5_000);
const warmup = Number(args.warmup ?? 500);
const accounts = Number(args.accounts ?? 500);
const providers = (args.providers ?? "sqlite,postgresql").split(",") as ("sqlite" | "postgresql")[];
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const concurrency = Number(args.concurrency ?? getEnv().WORKER_CONCURRENCY);

const definition = {
  steps: [
    {
      id: "amount",
      type: "transform",
      config: { expression: "{ 'account': trigger.body.account, 'cents': trigger.body.amount * 100 }" },
    },
    {
      id: "balance",
      type: "record_write",
      config: { collection: "balances", key: "{{ steps.amount.account }}", data: "{ 'cents': steps.amount.cents }" },
    },
  ],
  retry: { maxAttempts: 3, backoffSeconds: 10 },
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type Fixture = { agentId: string; workflowId: string; webhookId: string };

async function createFixture(db: Db): Promise<Fixture> {
  const agent = await db.agent.create({ data: { name: "Bench" } });
  const text = JSON.stringify(definition);
  const workflow = await db.workflow.create({
    data: {
      agentId: agent.id,
      name: "Payment processed",
      version: 1,
      definition: text,
      versions: { create: { version: 1, definition: text } },
    },
  });
  const webhook = await db.webhook.create({
    data: { id: createId("wh"), agentId: agent.id, workflowId: workflow.id, name: "Payments" },
  });
  return { agentId: agent.id, workflowId: workflow.id, webhookId: webhook.id };
}

/** `count` deliveries and their queued runs, as the webhook endpoint stores them. */
async function queueRuns(db: Db, fixture: Fixture, count: number): Promise<void> {
  for (let offset = 0; offset < count; offset += 500) {
    const now = new Date();
    const deliveries = [];
    const executions = [];
    for (let i = offset; i < Math.min(count, offset + 500); i++) {
      const body = JSON.stringify({ event: "payment.processed", account: `acc-${i % accounts}`, amount: 12.5 + i });
      const deliveryId = createId("dlv");
      deliveries.push({
        id: deliveryId,
        webhookId: fixture.webhookId,
        receivedAt: now,
        outcome: "accepted",
        httpStatus: 202,
        headers: JSON.stringify({ "content-type": "application/json" }),
        body,
        bodyBytes: body.length,
      });
      executions.push({
        id: createId("run"),
        agentId: fixture.agentId,
        workflowId: fixture.workflowId,
        workflowVersion: 1,
        webhookId: fixture.webhookId,
        deliveryId,
        status: "queued",
        maxAttempts: 3,
        runAt: now,
        createdAt: now,
      });
    }
    await db.delivery.createMany({ data: deliveries });
    await db.execution.createMany({ data: executions });
  }
}

/** Runs `work` under the V8 profiler when --cpu-profile is given, writing <dir>/<name>.cpuprofile. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!args["cpu-profile"]) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(args["cpu-profile"], { recursive: true });
    writeFileSync(path.join(args["cpu-profile"], `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

type Drained = { runsPerSecond: number; cpuMicrosPerRun: number };

/** Drains the queue with startWorker: runs/s, and CPU time per run of this process (all its threads, not the database server's). */
async function drain(db: Db, provider: "sqlite" | "postgresql", count: number): Promise<Drained> {
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const worker = startWorker({
    db,
    provider,
    concurrency,
    pollIntervalMs: 50,
    leaseMs: 30_000,
    shutdownGraceMs: 5_000,
  });
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Through Prisma, so the script also measures engines from before lib/db/raw-sql.ts (20 counts/s cost little).
      const open = await db.execution.count({ where: { status: { in: ["queued", "running"] } } });
      if (open === 0) break;
    }
  } finally {
    await worker.stop();
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const failed = await db.execution.count({ where: { status: { not: "succeeded" } } });
  if (failed > 0) throw new Error(`${failed} runs did not succeed`);
  return { runsPerSecond: count / seconds, cpuMicrosPerRun: (cpu.user + cpu.system) / count };
}

async function bench(provider: "sqlite" | "postgresql"): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "aw-bench-engine-"));
  const name = `aw_bench_engine_${process.pid}_${Date.now()}`;
  const target: DatabaseTarget =
    provider === "sqlite"
      ? { provider, filePath: path.join(dir, "bench.db") }
      : { provider, url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString() };
  if (provider === "postgresql") await adminQuery(`CREATE DATABASE "${name}"`);
  const db = createClient(target);
  try {
    await migrateDatabase({ target });
    const fixture = await createFixture(db);
    await queueRuns(db, fixture, warmup);
    await drain(db, provider, warmup);
    await db.execution.deleteMany();
    await queueRuns(db, fixture, runs);
    const drained = await profiled(`engine-${provider}`, () => drain(db, provider, runs));
    const steps = await db.stepRun.count();
    if (steps !== runs * definition.steps.length) throw new Error(`${steps} step rows for ${runs} runs`);
    return `${provider}: ${Math.round(drained.runsPerSecond)} runs/s, ${Math.round(drained.cpuMicrosPerRun)} µs CPU per run (${runs} runs, concurrency ${concurrency})`;
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
    if (provider === "postgresql") await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function main() {
  const results: string[] = [];
  for (const provider of providers) {
    results.push(await bench(provider));
    console.log(results.at(-1));
  }
  await closeSandboxPool();
  console.log(`\n${results.join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
