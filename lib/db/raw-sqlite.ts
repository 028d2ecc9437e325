import "server-only";

import { setTimeout as sleep } from "node:timers/promises";

import Database from "better-sqlite3";

import { isStatement, WILL_WAIT, type RawSql, type SqlScript, type SqlStatement, type SqlValue } from "./sql-script";
import { sqliteDate } from "./sqlite-date";

// Raw SQL on its own better-sqlite3 connection, with every statement prepared once.
//
// Group commit: a commit costs far more than the statements before it (the WAL write), so the
// transactions asked for within one turn of the event loop run as one, each in a savepoint of
// its own: a script that throws is rolled back alone, the others commit together, and each
// caller hears of its result once that commit is done.
//
// The busy timeout is 0 on purpose: better-sqlite3 waits for a lock synchronously, which would
// stall this thread and whatever in it holds the lock (a Prisma transaction, the ingest store);
// waiting asynchronously lets it finish. For the same reason a transaction never gives way to the
// event loop between BEGIN and COMMIT unless a script waits for something itself (waitFor, Record
// Write's update expression): a Prisma write from this thread meanwhile would wait synchronously
// for the lock, stalling the thread until its own busy timeout (the engine writes nothing through
// Prisma; a Notify step's first use of an agent creates its secret, the one exception).

const BUSY_RETRY_MS = 15_000;
const MAX_GROUP = 200;

function toSqliteValue(value: SqlValue): string | number | null {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function isBusy(error: unknown): boolean {
  return (error as { code?: string }).code === "SQLITE_BUSY";
}

type Queued = { script: () => SqlScript<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Sent = { ok: true; value: unknown } | { ok: false; error: unknown };
/** A script's result, or the promise it waits for before it goes on. */
type Driven = { done: true; value: unknown } | { done: false; waiting: Promise<unknown> };

export function createSqliteSql(filePath: string): RawSql {
  const db = new Database(filePath, { timeout: 0 });
  db.pragma("foreign_keys = ON");
  // WAL (set by the migrator) with NORMAL: a commit survives a crash of the process; only a power
  // loss may lose the last ones, never consistency.
  db.pragma("synchronous = NORMAL");
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const [begin, commit, rollback] = ["BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"].map(prepare);
  const [savepoint, release, rollbackTo] = ["SAVEPOINT script", "RELEASE script", "ROLLBACK TO script"].map(prepare);

  const run = (statement: SqlStatement): unknown => {
    const prepared = prepare(statement.sql);
    const params = statement.params.map(toSqliteValue);
    return statement.kind === "rows" ? prepared.all(...params) : prepared.run(...params).changes;
  };

  /** Runs the script's statements synchronously until it ends or waits for a promise. */
  function drive(script: SqlScript<unknown>, sent?: Sent): Driven {
    let next = sent === undefined ? script.next() : sent.ok ? script.next(sent.value) : script.throw(sent.error);
    while (!next.done) {
      const yielded = next.value;
      // SQLite has one writer: every transaction waits with a script that waits.
      if (yielded === WILL_WAIT) {
        next = script.next();
        continue;
      }
      if (!isStatement(yielded)) {
        const waiting = yielded.then(
          (value) => finish(drive(script, { ok: true, value })),
          (error: unknown) => finish(drive(script, { ok: false, error })),
        );
        return { done: false, waiting };
      }
      let result: Sent;
      try {
        result = { ok: true, value: run(yielded) };
      } catch (error) {
        result = { ok: false, error };
      }
      next = result.ok ? script.next(result.value) : script.throw(result.error);
    }
    return { done: true, value: next.value };
  }
  const finish = (driven: Driven): unknown | Promise<unknown> => (driven.done ? driven.value : driven.waiting);

  /** BEGIN IMMEDIATE; false while another connection writes. */
  function tryBegin(deadline: number): boolean {
    try {
      begin.run();
      return true;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      return false;
    }
  }

  async function runGroup(group: Queued[]): Promise<void> {
    const deadline = Date.now() + BUSY_RETRY_MS;
    try {
      // Waits holding nothing; once BEGIN succeeds, the group runs on without yielding.
      for (let tries = 0; !tryBegin(deadline); tries++) await sleep(Math.min(1 + tries, 10));
    } catch (error) {
      for (const queued of group) queued.reject(error);
      return;
    }
    const settled: (() => void)[] = [];
    try {
      for (const queued of group) {
        savepoint.run();
        try {
          const driven = drive(queued.script());
          const value = driven.done ? driven.value : await driven.waiting;
          release.run();
          settled.push(() => queued.resolve(value));
        } catch (error) {
          rollbackTo.run();
          release.run();
          settled.push(() => queued.reject(error));
        }
      }
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      for (const queued of group) queued.reject(error);
      return;
    }
    for (const settle of settled) settle();
  }

  // One group at a time on the connection; single statements wait their turn too.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  }

  let queue: Queued[] = [];
  let scheduled = false;
  function flush() {
    scheduled = false;
    while (queue.length > 0) {
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(MAX_GROUP);
      void exclusive(() => runGroup(group));
    }
  }

  const transaction = <T>(script: () => SqlScript<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ script, resolve: resolve as (value: unknown) => void, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  return {
    provider: "sqlite",
    transaction,
    // Grouped with the other commits of this turn, a statement costs less than on its own.
    alone: transaction,
    rows: <T>(sql: string, params: readonly SqlValue[]) =>
      exclusive(async () => {
        const deadline = Date.now() + BUSY_RETRY_MS;
        for (let tries = 0; ; tries++) {
          try {
            return run({ kind: "rows", sql, params }) as T[];
          } catch (error) {
            if (!isBusy(error) || Date.now() > deadline) throw error;
          }
          await sleep(Math.min(1 + tries, 10));
        }
      }),
  };
}
