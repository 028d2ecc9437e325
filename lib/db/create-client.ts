import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

import type { DatabaseTarget } from "./database-target";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";

/** Both generated clients come from one model source and share an API; the app types against one. */
export type Db = SqliteClient;

export function createClient(target: DatabaseTarget): Db {
  if (target.provider === "sqlite") {
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.filePath, timeout: 15_000 }) });
  }
  // A burst of concurrent requests queues for the pool's connections; Prisma's default 2 s wait for
  // one turned a short queue into 503s for requests that would have been stored a moment later.
  return new PostgresClient({
    adapter: new PrismaPg({ connectionString: target.url }),
    transactionOptions: { maxWait: 5_000 },
  }) as unknown as Db;
}
