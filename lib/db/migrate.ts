import path from "node:path";

import type { DatabaseTarget } from "./database-target";
import { migratePostgresql } from "./migrate-postgresql";
import { migrateSqlite } from "./migrate-sqlite";
import { readMigrationFiles } from "./migration-files";

export const defaultMigrationsDir = path.join(process.cwd(), "prisma", "migrations");

/** Applies every pending migration for the target's provider; returns the names applied. */
export async function migrateDatabase(opts: { target: DatabaseTarget; migrationsDir?: string }): Promise<string[]> {
  const migrations = readMigrationFiles({
    migrationsDir: opts.migrationsDir ?? defaultMigrationsDir,
    provider: opts.target.provider,
  });
  if (opts.target.provider === "sqlite") return migrateSqlite({ filePath: opts.target.filePath, migrations });
  return migratePostgresql({ url: opts.target.url, migrations });
}
