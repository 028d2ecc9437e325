// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma: only the datasource provider
// and the generator output differ. Run by `npm run db:generate`; a test fails when the two drift.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = join(root, "prisma/schema.prisma");
export const postgresSchemaPath = join(root, "prisma/postgresql/schema.prisma");

export function derivePostgresSchema(sqliteSchema) {
  const derived = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output(\s*)=\s*"\.\.\/lib\/db\/generated\/sqlite"/, 'output$1= "../../lib/db/generated/postgresql"');
  if (derived === sqliteSchema) throw new Error("prisma/schema.prisma: sqlite provider or generator output not found");
  return "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs. Do not edit.\n" + derived;
}

export function writePostgresSchema() {
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, derivePostgresSchema(readFileSync(sqliteSchemaPath, "utf8")));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writePostgresSchema();
