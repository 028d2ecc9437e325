import "server-only";

import { getClientConnection, type Db } from "./create-client";
import { createPostgresSql } from "./raw-postgres";
import { createSqliteSql } from "./raw-sqlite";
import type { RawSql } from "./sql-script";

// Prisma costs more per statement than the engine's whole run should (its query compiler and
// result mapping); the engine's hot statements and the run-state transitions go through this.
// Prisma stays for everything else (the Workbench's UI and API).

// One connection per client and process, however many times this module is loaded.
const globalForRaw = globalThis as typeof globalThis & { __rawSql?: WeakMap<Db, RawSql> };
const raw = (globalForRaw.__rawSql ??= new WeakMap());

/** Raw SQL on the database behind `db`: its own connection on SQLite, the client's pool on PostgreSQL. */
export function getRawSql(db: Db): RawSql {
  let sql = raw.get(db);
  if (!sql) {
    const connection = getClientConnection(db);
    sql = connection.provider === "sqlite" ? createSqliteSql(connection.filePath) : createPostgresSql(connection.pool);
    raw.set(db, sql);
  }
  return sql;
}
