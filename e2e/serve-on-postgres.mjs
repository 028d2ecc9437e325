// Playwright's web server for the PostgreSQL project: creates a uniquely named database, runs
// the Workbench's server (server.mjs) on it, and drops the database when stopped, so no run leaves anything behind.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import pg from "pg";

const port = process.argv[2];
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = process.env.E2E_POSTGRES_DB;
if (!port || !database || !/^[a-z0-9_]+$/.test(database))
  throw new Error("usage: E2E_POSTGRES_DB=<name> node e2e/serve-on-postgres.mjs <port>");

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await admin(`CREATE DATABASE "${database}"`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;
const server = spawn(process.execPath, [fileURLToPath(new URL("../server.mjs", import.meta.url))], {
  env: { ...process.env, DATABASE_URL: databaseUrl.toString(), HOSTNAME: "127.0.0.1", PORT: port },
  stdio: "inherit",
});

let stopping = false;
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  process.exit(exitCode);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
server.on("exit", (code) => stop(code ?? 1));
