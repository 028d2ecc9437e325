// The SQLite database holds password hashes and encrypted keys: its files are the owner's only,
// whatever the process umask allows.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { migrateSqlite } from "./migrate-sqlite";

const migrations = [{ name: "20260101000000_init", sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)", checksum: "x" }];
const modeOf = (file: string) => statSync(file).mode & 0o777;

let dir = "";
let previousUmask = 0;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "aw-sqlite-mode-"));
  // The most permissive umask: only the mode the code asks for can keep the files private.
  previousUmask = process.umask(0);
});
afterEach(() => {
  process.umask(previousUmask);
  rmSync(dir, { recursive: true, force: true });
});

describe("the SQLite database file", () => {
  it("is created 0600, and so are its -wal and -shm files", () => {
    const file = path.join(dir, "data", "workbench.db");
    expect(migrateSqlite({ filePath: file, migrations })).toEqual(["20260101000000_init"]);
    expect(modeOf(file)).toBe(0o600);

    // The app's connection keeps the WAL open while it writes.
    const db = new Database(file);
    try {
      db.prepare("INSERT INTO t (id) VALUES (1)").run();
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it("leaves an existing database file and its contents as they are", () => {
    const file = path.join(dir, "existing.db");
    new Database(file).exec("CREATE TABLE kept (id INTEGER)").close();
    migrateSqlite({ filePath: file, migrations });
    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables).toEqual(expect.arrayContaining([{ name: "kept" }, { name: "t" }]));
    } finally {
      db.close();
    }
  });
});
