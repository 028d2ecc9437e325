// Creates one PostgreSQL database per test run and drops it (and every per-file database made
// from it) afterwards. Where no server answers, PostgreSQL suites are skipped, except on CI.
import { randomBytes } from "node:crypto";

import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of this run's database, or null when PostgreSQL is not reachable (suites skip). */
    postgresUrl: string | null;
  }
}

const defaultServerUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_POSTGRES_URL || defaultServerUrl;
  const runDb = `aw_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  try {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${runDb}"`));
  } catch (error) {
    const reason = `PostgreSQL at ${serverUrl} is not usable (${(error as Error).message})`;
    if (process.env.CI === "true")
      throw new Error(`${reason}; CI runs every suite on PostgreSQL too. Set TEST_POSTGRES_URL or start the server.`);
    console.warn(
      `\n⚠ ${reason}: PostgreSQL suites are SKIPPED. Start the server or set TEST_POSTGRES_URL to run them.\n`,
    );
    project.provide("postgresUrl", null);
    return;
  }

  const runUrl = new URL(serverUrl);
  runUrl.pathname = `/${runDb}`;
  project.provide("postgresUrl", runUrl.toString());

  return async () => {
    // Per-file databases are named <runDb>_<suffix>; drop any a crashed worker left behind.
    await withClient(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`,
        [runDb],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}
