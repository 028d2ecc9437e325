import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { createEmptyDatabase, providers, skipUnlessAvailable, type EmptyDatabase } from "@/test/databases";

import type { DatabaseTarget } from "./database-target";
import { defaultMigrationsDir, migrateDatabase } from "./migrate";
import { readMigrationFiles } from "./migration-files";

type Row = Record<string, unknown>;

// Reads through the plain drivers, so what is checked is what is on disk, not what Prisma maps.
async function query(target: DatabaseTarget, sql: string): Promise<Row[]> {
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath, { readonly: true });
    try {
      return db.prepare(sql).all() as Row[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const tablesSql = {
  sqlite: `SELECT name FROM sqlite_master WHERE type = 'table'`,
  postgresql: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
};
const historyColumnsSql = {
  sqlite: `SELECT name FROM pragma_table_info('_prisma_migrations')`,
  postgresql: `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '_prisma_migrations'`,
};
const historySql = `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
const prismaHistoryColumns = [
  "applied_steps_count",
  "checksum",
  "finished_at",
  "id",
  "logs",
  "migration_name",
  "rolled_back_at",
  "started_at",
];

const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
const childScript = path.join(process.cwd(), "test/migrate-in-child.ts");

/** Starts `count` migrator processes, releases them at the same moment, and returns what each applied. */
async function raceMigratorProcesses(target: DatabaseTarget, count: number): Promise<string[][]> {
  const children = Array.from({ length: count }, () => {
    const child = spawn(tsx, [childScript, JSON.stringify(target)], { stdio: ["pipe", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    // Also settles if the child dies before it is ready, so `done` reports the failure instead of a hang.
    const ready = new Promise<void>((resolve) => {
      child.stdout.on("data", () => stdout.startsWith("ready\n") && resolve());
      child.on("close", () => resolve());
    });
    const done = new Promise<string[]>((resolve, reject) =>
      child.on("close", (code) =>
        code === 0
          ? resolve(JSON.parse(stdout.slice("ready\n".length)))
          : reject(new Error(`migrator exited with ${code}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map(({ ready }) => ready));
  for (const { child } of children) child.stdin.end("go\n");
  return Promise.all(children.map(({ done }) => done));
}

describe.each(providers)("migrateDatabase on %s", (provider) => {
  skipUnlessAvailable(provider);
  const shipped = () => readMigrationFiles({ migrationsDir: defaultMigrationsDir, provider });
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function freshDatabase(): Promise<EmptyDatabase> {
    const database = await createEmptyDatabase(provider);
    cleanups.push(database.drop);
    return database;
  }

  /** A writable copy of the shipped migrations, for tests that edit or add one. */
  function copyOfMigrations(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "aw-migrations-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(path.join(defaultMigrationsDir, provider), path.join(dir, provider), { recursive: true });
    return dir;
  }

  it("applies every migration to an empty database and records each like Prisma does", async () => {
    const { target } = await freshDatabase();
    const names = shipped().map((migration) => migration.name);

    expect(await migrateDatabase({ target })).toEqual(names);

    const tables = (await query(target, tablesSql[provider])).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(["Agent", "Workflow", "_prisma_migrations"]));
    const columns = (await query(target, historyColumnsSql[provider])).map((row) => row.name);
    expect([...columns].sort()).toEqual(prismaHistoryColumns);

    const history = await query(target, historySql);
    expect(history.map((row) => row.migration_name)).toEqual(names);
    for (const row of history) {
      const file = readFileSync(path.join(defaultMigrationsDir, provider, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it("applies nothing when run again", async () => {
    const { target } = await freshDatabase();
    await migrateDatabase({ target });
    expect(await migrateDatabase({ target })).toEqual([]);
    expect(await query(target, historySql)).toHaveLength(shipped().length);
  });

  it("records each migration exactly once when separate processes start on one empty database together", async () => {
    const { target } = await freshDatabase();
    const appliedByAll = (await raceMigratorProcesses(target, 3)).flat();
    const names = shipped().map((migration) => migration.name);
    expect(appliedByAll.sort()).toEqual(names);
    expect((await query(target, historySql)).map((row) => row.migration_name)).toEqual(names);
  });

  it("records each migration exactly once when called concurrently in one process", async () => {
    const { target } = await freshDatabase();
    const runs = await Promise.all([
      migrateDatabase({ target }),
      migrateDatabase({ target }),
      migrateDatabase({ target }),
    ]);
    expect(runs.flat().sort()).toEqual(shipped().map((migration) => migration.name));
    expect(await query(target, historySql)).toHaveLength(shipped().length);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const { target } = await freshDatabase();
    const migrationsDir = copyOfMigrations();
    await migrateDatabase({ target, migrationsDir });
    const [first] = shipped();
    appendFileSync(path.join(migrationsDir, provider, first.name, "migration.sql"), "\n-- edited after apply\n");

    await expect(migrateDatabase({ target, migrationsDir })).rejects.toThrow(
      `Migration ${first.name} was changed after it was applied (checksum mismatch)`,
    );
  });

  it("applies only a migration added later", async () => {
    const { target } = await freshDatabase();
    const migrationsDir = copyOfMigrations();
    await migrateDatabase({ target, migrationsDir });
    const added = "99990101000000_add_note";
    mkdirSync(path.join(migrationsDir, provider, added));
    writeFileSync(
      path.join(migrationsDir, provider, added, "migration.sql"),
      `CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\n`,
    );

    expect(await migrateDatabase({ target, migrationsDir })).toEqual([added]);
    expect((await query(target, tablesSql[provider])).map((row) => row.name)).toContain("Note");
  });

  it("does not record a failing migration, and applies it once fixed", async () => {
    const { target } = await freshDatabase();
    const migrationsDir = copyOfMigrations();
    await migrateDatabase({ target, migrationsDir });
    const broken = "99990101000000_broken";
    const file = path.join(migrationsDir, provider, broken, "migration.sql");
    mkdirSync(path.dirname(file));
    writeFileSync(
      file,
      `CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );

    await expect(migrateDatabase({ target, migrationsDir })).rejects.toThrow(`Migration ${broken} failed`);
    expect((await query(target, historySql)).map((row) => row.migration_name)).not.toContain(broken);
    // The half-applied CREATE TABLE was rolled back with it, so the fixed file applies cleanly.
    expect((await query(target, tablesSql[provider])).map((row) => row.name)).not.toContain("Note");

    writeFileSync(file, `CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\n`);
    expect(await migrateDatabase({ target, migrationsDir })).toEqual([broken]);
  });
});
