// Real, throwaway databases for integration tests: a fresh SQLite file or a fresh PostgreSQL
// database (inside this run's namespace, see postgres-global-setup.ts) per test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import type { DatabaseTarget } from "@/lib/db/database-target";
import { migrateDatabase } from "@/lib/db/migrate";

export const providers = ["sqlite", "postgresql"] as const;
export type Provider = (typeof providers)[number];

export type EmptyDatabase = {
  provider: Provider;
  target: DatabaseTarget;
  /** The DATABASE_URL that points the app at this database. */
  databaseUrl: string;
  drop: () => Promise<void>;
};

let created = 0;

export function isProviderAvailable(provider: Provider): boolean {
  return provider === "sqlite" || inject("postgresUrl") !== null;
}

/** Marks every test of the enclosing suite skipped when its provider is not reachable. */
export function skipUnlessAvailable(provider: Provider): void {
  beforeEach((context) => {
    if (!isProviderAvailable(provider)) context.skip(`${provider} is not reachable`);
  });
}

async function runOn(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database with nothing in it; the caller drops it. */
export async function createEmptyDatabase(provider: Provider): Promise<EmptyDatabase> {
  created += 1;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "aw-test-"));
    const filePath = path.join(dir, "test.db");
    return {
      provider,
      target: { provider, filePath },
      databaseUrl: `file:${filePath}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const runUrl = inject("postgresUrl");
  if (!runUrl) throw new Error("PostgreSQL is not reachable; guard the suite with skipUnlessAvailable()");
  // Worker pid + counter keeps names unique across files running in parallel.
  const name = `${new URL(runUrl).pathname.slice(1)}_${process.pid}_${created}`;
  await runOn(runUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    provider,
    target: { provider, url: url.toString() },
    databaseUrl: url.toString(),
    drop: () => runOn(runUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export type MigratedDatabase = { readonly db: Db; readonly target: DatabaseTarget; reset: () => Promise<void> };

/**
 * Registers hooks giving the enclosing suite a migrated database and client for its provider
 * (skipped when unreachable), dropped after the suite.
 */
export function useMigratedDatabase(provider: Provider): MigratedDatabase {
  let database: EmptyDatabase | undefined;
  let db: Db | undefined;
  skipUnlessAvailable(provider);
  beforeAll(async () => {
    if (!isProviderAvailable(provider)) return;
    database = await createEmptyDatabase(provider);
    await migrateDatabase({ target: database.target });
    db = createClient(database.target);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error("The test database is not ready (used outside a test?)");
      return db;
    },
    get target() {
      if (!database) throw new Error("The test database is not ready (used outside a test?)");
      return database.target;
    },
    // Everything the tests create hangs off an agent and goes with it (ON DELETE CASCADE).
    reset: async () => {
      await db?.agent.deleteMany();
    },
  };
}
