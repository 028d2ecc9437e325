import { randomUUID } from "node:crypto";

import pg from "pg";

import { findUnapplied, type AppliedMigration } from "./find-unapplied";
import type { MigrationFile } from "./migration-files";

// Same columns as the table Prisma's own migrate command keeps, so the stock CLI agrees.
const createHistoryTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 727_274_001;

export async function migratePostgresql(opts: { url: string; migrations: MigrationFile[] }): Promise<string[]> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    // A session-level advisory lock: instances starting together wait here and then find nothing to do.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(createHistoryTable);
    const { rows: applied } = await client.query<AppliedMigration>(
      `SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const pending = findUnapplied({ migrations: opts.migrations, applied });
    for (const migration of pending) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    await client.end();
  }
}
