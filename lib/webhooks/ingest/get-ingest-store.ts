import "server-only";

import { getDatabaseTargetFromEnv, getDb } from "@/lib/db";

import type { IngestStore } from "./ingest-store";
import { createPostgresIngestStore } from "./ingest-store-postgres";
import { createSqliteIngestStore } from "./ingest-store-sqlite";

const globalForStore = globalThis as typeof globalThis & { __ingestStore?: Promise<IngestStore> };

/**
 * The hot path's store for the configured database, created once per process after migrations ran
 * (getDb applies them). It has its own connection to the same database, on the raw driver.
 */
export function getIngestStore(): Promise<IngestStore> {
  globalForStore.__ingestStore ??= getDb().then(() => {
    const target = getDatabaseTargetFromEnv();
    return target.provider === "sqlite"
      ? createSqliteIngestStore(target.filePath)
      : createPostgresIngestStore(target.url);
  });
  globalForStore.__ingestStore.catch(() => (globalForStore.__ingestStore = undefined));
  return globalForStore.__ingestStore;
}
