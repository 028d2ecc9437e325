import "server-only";

import { getEnv } from "@/lib/env";

import { createClient, type Db } from "./create-client";
import { getDatabaseTarget, type DatabaseTarget } from "./database-target";
import { migrateDatabase } from "./migrate";

export type { Db } from "./create-client";
/** The client a `$transaction` callback receives. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type DbState = { target: DatabaseTarget; ready: Promise<Db> };

// Kept on globalThis so that dev-server reloads reuse one client and one migration run.
const globalForDb = globalThis as typeof globalThis & { __workbenchDb?: DbState };

export function getDatabaseTargetFromEnv(): DatabaseTarget {
  const env = getEnv();
  return getDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.WORKBENCH_DATA_DIR, cwd: process.cwd() });
}

/** The Prisma client, after the database's pending migrations have been applied (once per process). */
export function getDb(): Promise<Db> {
  if (!globalForDb.__workbenchDb) {
    const target = getDatabaseTargetFromEnv();
    const ready = migrateDatabase({ target }).then(() => createClient(target));
    // A failed start (database down, bad migration) is retried on the next call, not cached forever.
    ready.catch(() => {
      if (globalForDb.__workbenchDb?.ready === ready) globalForDb.__workbenchDb = undefined;
    });
    globalForDb.__workbenchDb = { target, ready };
  }
  return globalForDb.__workbenchDb.ready;
}
