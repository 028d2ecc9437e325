import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readMigrationFiles } from "./migration-files";

describe("readMigrationFiles", () => {
  let dir: string;
  const write = (name: string, sql: string) => {
    mkdirSync(path.join(dir, "sqlite", name), { recursive: true });
    writeFileSync(path.join(dir, "sqlite", name, "migration.sql"), sql);
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "aw-migrations-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads migrations in name order with Prisma's checksum (sha256 hex of the file)", () => {
    write("20260201000000_second", "CREATE TABLE b (id TEXT);\n");
    write("20260101000000_first", "CREATE TABLE a (id TEXT);\n");
    const files = readMigrationFiles({ migrationsDir: dir, provider: "sqlite" });
    expect(files.map((f) => f.name)).toEqual(["20260101000000_first", "20260201000000_second"]);
    expect(files[0].sql).toBe("CREATE TABLE a (id TEXT);\n");
    expect(files[0].checksum).toBe(createHash("sha256").update("CREATE TABLE a (id TEXT);\n").digest("hex"));
  });

  it("ignores folders without migration.sql and loose files", () => {
    write("20260101000000_first", "SELECT 1;");
    mkdirSync(path.join(dir, "sqlite", "20260201000000_empty"));
    writeFileSync(path.join(dir, "sqlite", "migration_lock.toml"), 'provider = "sqlite"');
    expect(readMigrationFiles({ migrationsDir: dir, provider: "sqlite" }).map((f) => f.name)).toEqual([
      "20260101000000_first",
    ]);
  });

  it("fails clearly when the provider has no migrations folder", () => {
    expect(() => readMigrationFiles({ migrationsDir: dir, provider: "postgresql" })).toThrow(/No migrations folder/);
  });
});
