// Generates both Prisma clients (SQLite and PostgreSQL) offline.
// The Prisma CLI wants to download a native schema engine on every command, even though
// `generate` never uses it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable
// skips that download, so installs work on machines without access to Prisma's binary host.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

import { postgresSchemaPath, root, sqliteSchemaPath, writePostgresSchema } from "./derive-postgres-schema.mjs";

writePostgresSchema();
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
for (const schema of [sqliteSchemaPath, postgresSchemaPath]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
}
