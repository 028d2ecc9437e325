import "server-only";

import { getDatabaseTargetFromEnv, getDb } from "@/lib/db";

import type { IngestStore } from "./ingest-store";
import { createPrismaIngestStore } from "./ingest-store-prisma";
import { createSqliteIngestStore } from "./ingest-store-sqlite";

const globalForStore = globalThis as typeof globalThis & { __ingestStore?: Promise<IngestStore> };

/** The hot path's store for the configured database, created once per process after migrations ran. */
export function getIngestStore(): Promise<IngestStore> {
  globalForStore.__ingestStore ??= getDb().then((db) => {
    const target = getDatabaseTargetFromEnv();
    return target.provider === "sqlite" ? createSqliteIngestStore(target.filePath) : createPrismaIngestStore(db);
  });
  globalForStore.__ingestStore.catch(() => (globalForStore.__ingestStore = undefined));
  return globalForStore.__ingestStore;
}
