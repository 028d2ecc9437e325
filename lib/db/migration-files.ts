import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type MigrationFile = { name: string; sql: string; checksum: string };

/** Reads prisma/migrations/<provider>/<name>/migration.sql in name (timestamp) order. */
export function readMigrationFiles(opts: {
  migrationsDir: string;
  provider: "sqlite" | "postgresql";
}): MigrationFile[] {
  const dir = path.join(opts.migrationsDir, opts.provider);
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's checksum: SHA-256 of the file's bytes, lowercase hex.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
