import type { MigrationFile } from "./migration-files";

export type AppliedMigration = { name: string; checksum: string };

/**
 * Pure: the migrations still to apply, in order. A migration that was applied and then edited
 * is refused rather than silently skipped, since the database no longer matches its file.
 */
export function findUnapplied(opts: { migrations: MigrationFile[]; applied: AppliedMigration[] }): MigrationFile[] {
  const appliedByName = new Map(opts.applied.map((migration) => [migration.name, migration.checksum]));
  for (const migration of opts.migrations) {
    const checksum = appliedByName.get(migration.name);
    if (checksum !== undefined && checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was changed after it was applied (checksum mismatch); add a new migration instead`,
      );
    }
  }
  return opts.migrations.filter((migration) => !appliedByName.has(migration.name));
}
