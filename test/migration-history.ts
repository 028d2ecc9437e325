// Helpers for migration tests: a database at an earlier point of the migration history, and
// rows written through the plain drivers (the Prisma client knows only the current schema).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";

import type { DatabaseTarget } from "@/lib/db/database-target";
import { defaultMigrationsDir } from "@/lib/db/migrate";
import { readMigrationFiles } from "@/lib/db/migration-files";

import type { Provider } from "./databases";

/** Runs `$1`-style parameterized statements through the provider's own driver (booleans as 0/1 on SQLite). */
export async function executeRaw(target: DatabaseTarget, statements: [string, unknown[]][]): Promise<void> {
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath);
    try {
      for (const [sql, values] of statements)
        db.prepare(sql.replace(/\$\d+/g, "?")).run(
          ...values.map((value) => (typeof value === "boolean" ? Number(value) : value)),
        );
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const [sql, values] of statements) await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/**
 * A migrations folder holding only the provider's migrations that `keep` accepts (by folder name),
 * as the history stood before a later migration; `cleanup` removes it.
 */
export function copyMigrations(opts: { provider: Provider; keep: (name: string) => boolean }): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "aw-migrations-"));
  for (const { name } of readMigrationFiles({ migrationsDir: defaultMigrationsDir, provider: opts.provider })) {
    if (!opts.keep(name)) continue;
    cpSync(path.join(defaultMigrationsDir, opts.provider, name), path.join(dir, opts.provider, name), {
      recursive: true,
    });
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
