import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import type { DatabaseTarget } from "./database-target";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";

/** Both generated clients come from one model source and share an API; the app types against one. */
export type Db = SqliteClient;

/** What a client was made for, so raw SQL (lib/db/raw-sql.ts) reaches the same database: on PostgreSQL through the same pool. */
export type ClientConnection = { provider: "sqlite"; filePath: string } | { provider: "postgresql"; pool: pg.Pool };

// On globalThis: a module loaded twice (dev reloads, tests' fresh modules) still finds every client.
const globalForClients = globalThis as typeof globalThis & { __clientConnections?: WeakMap<Db, ClientConnection> };
const connections = (globalForClients.__clientConnections ??= new WeakMap());

export function getClientConnection(db: Db): ClientConnection {
  const connection = connections.get(db);
  if (!connection) throw new Error("This Prisma client was not made by createClient (lib/db/create-client.ts)");
  return connection;
}

export function createClient(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.filePath, timeout: 15_000 }) });
    connections.set(db, { provider: "sqlite", filePath: target.filePath });
    return db;
  }
  const pool = new pg.Pool({ connectionString: target.url });
  // Errors of idle connections (the server restarted, the database was dropped) reach the next
  // query that uses the connection; unheard, an EventEmitter "error" would end the process.
  pool.on("error", () => undefined);
  // A burst of concurrent requests queues for the pool's connections; Prisma's default 2 s wait for
  // one turned a short queue into 503s for requests that would have been stored a moment later.
  const db = new PostgresClient({
    // The adapter's @types/pg is a copy of the same pg's types, not the same declarations.
    adapter: new PrismaPg(pool as unknown as ConstructorParameters<typeof PrismaPg>[0], { disposeExternalPool: true }),
    transactionOptions: { maxWait: 5_000 },
  }) as unknown as Db;
  connections.set(db, { provider: "postgresql", pool });
  return db;
}
