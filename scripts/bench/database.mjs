// The database a scenario runs on: a SQLite file in a temporary folder, or a fresh PostgreSQL
// database on the local server, dropped at the end. The bare baseline writes to the same place
// (its own table in the same PostgreSQL database; its own file next to ours for SQLite, so that
// the two processes never wait for each other's writer lock). The reader answers the bench's
// questions about what the server stored.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";

import { onCleanup } from "./processes.mjs";

const Database = createRequire(import.meta.url)("better-sqlite3");

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

/** { kind, label, url (the server's DATABASE_URL), baselineTarget (a file or a URL), dataDir } */
export async function createBenchDatabase({ postgres }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "aw-bench-"));
  onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (!postgres) {
    const file = path.join(dataDir, "bench.db");
    return {
      kind: "sqlite",
      label: "SQLite",
      url: `file:${file}`,
      file,
      baselineTarget: path.join(dataDir, "baseline.db"),
      dataDir,
    };
  }
  const name = `aw_bench_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  onCleanup(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return { kind: "postgresql", label: "PostgreSQL", url, baselineTarget: url, dataDir };
}

const unfinished = `status IN ('queued', 'running')`;

function sqliteReader(file) {
  const db = new Database(file, { readonly: true });
  const accepted = db.prepare(`SELECT id FROM "Delivery" WHERE outcome = 'accepted'`).pluck();
  const acceptedCount = db.prepare(`SELECT count(*) FROM "Delivery" WHERE outcome = 'accepted'`).pluck();
  const statuses = db.prepare(`SELECT status, count(*) AS n FROM "Execution" GROUP BY status`);
  const pending = db.prepare(`SELECT count(*) FROM "Execution" WHERE ${unfinished}`).pluck();
  const records = db.prepare(`SELECT count(*) FROM "DataRecord"`).pluck();
  return {
    acceptedDeliveryIds: async () => new Set(accepted.all()),
    acceptedCount: async () => acceptedCount.get(),
    runStatuses: async () => Object.fromEntries(statuses.all().map((row) => [row.status, row.n])),
    unfinishedRuns: async () => pending.get(),
    recordCount: async () => records.get(),
    close: async () => db.close(),
  };
}

async function postgresReader(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const one = async (sql) => Object.values((await client.query(sql)).rows[0])[0];
  return {
    acceptedDeliveryIds: async () =>
      new Set((await client.query(`SELECT id FROM "Delivery" WHERE outcome = 'accepted'`)).rows.map((row) => row.id)),
    acceptedCount: () => one(`SELECT count(*)::int FROM "Delivery" WHERE outcome = 'accepted'`),
    runStatuses: async () =>
      Object.fromEntries(
        (await client.query(`SELECT status, count(*)::int AS n FROM "Execution" GROUP BY status`)).rows.map((row) => [
          row.status,
          row.n,
        ]),
      ),
    unfinishedRuns: () => one(`SELECT count(*)::int FROM "Execution" WHERE ${unfinished}`),
    recordCount: () => one(`SELECT count(*)::int FROM "DataRecord"`),
    close: () => client.end(),
  };
}

/** Opens a read connection to what the server stored (after it has started and migrated). */
export async function openReader(database) {
  const reader = database.kind === "sqlite" ? sqliteReader(database.file) : await postgresReader(database.url);
  onCleanup(() => reader.close().catch(() => {}));
  return reader;
}
