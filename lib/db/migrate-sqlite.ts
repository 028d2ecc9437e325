import { randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { findUnapplied, type AppliedMigration } from "./find-unapplied";
import type { MigrationFile } from "./migration-files";

// Same columns as the table Prisma's own migrate command keeps, so the stock CLI agrees.
const createHistoryTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Creates the database file readable by its owner only, before SQLite writes anything into it.
 * SQLite gives the -wal and -shm files the database file's permissions, so they are 0600 too.
 * An existing file is left as it is ("wx" fails on it).
 */
function createPrivateFile(filePath: string): void {
  try {
    closeSync(openSync(filePath, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

export function migrateSqlite(opts: { filePath: string; migrations: MigrationFile[] }): string[] {
  mkdirSync(path.dirname(opts.filePath), { recursive: true });
  createPrivateFile(opts.filePath);
  const db = new Database(opts.filePath, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    // Table redefinitions in Prisma's SQLite migrations drop and recreate tables; with foreign keys
    // on, a DROP would cascade-delete child rows. They are checked again after the commit.
    db.pragma("foreign_keys = OFF");
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply in turn.
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(createHistoryTable);
      const applied = db
        .prepare(
          `SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .all() as AppliedMigration[];
      const pending = findUnapplied({ migrations: opts.migrations, applied });
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const migration of pending) {
        const startedAt = new Date().toISOString();
        try {
          db.exec(migration.sql);
        } catch (error) {
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        record.run(randomUUID(), migration.checksum, migration.name, startedAt, new Date().toISOString());
      }
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) throw new Error(`Migrations left ${violations.length} foreign key violations`);
      db.exec("COMMIT");
      return pending.map((migration) => migration.name);
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}
