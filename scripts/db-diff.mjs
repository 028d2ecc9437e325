// Writes the next migration for both providers: `npm run db:diff -- <name>`.
// Diffs the schema as of the last migration (prisma/migrations/schema.snapshot.prisma) against
// prisma/schema.prisma, writes prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql
// and moves the snapshot forward. PostgreSQL diffs need a reachable server
// (SCHEMA_ENGINE_POSTGRES_URL, default the local one).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { derivePostgresSchema, root, sqliteSchemaPath } from "./derive-postgres-schema.mjs";
import { diffSchemas } from "./schema-engine.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

const migrationsDir = join(root, "prisma/migrations");
const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;
const current = readFileSync(sqliteSchemaPath, "utf8");
const forProvider = { sqlite: (s) => s, postgresql: (s) => s && derivePostgresSchema(s) };

const scripts = {};
for (const [provider, transform] of Object.entries(forProvider)) {
  scripts[provider] = await diffSchemas({ provider, fromSchema: transform(previous), toSchema: transform(current) });
}
const isEmpty = (sql) => sql.replace(/--.*$/gm, "").trim() === "";
if (Object.values(scripts).every(isEmpty)) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [provider, sql] of Object.entries(scripts)) {
  const dir = join(migrationsDir, provider, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql`);
}
writeFileSync(snapshotPath, current);
process.exit(0);
