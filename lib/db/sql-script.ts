// Pure. A transaction written once for both databases: a generator that yields the statements it
// runs (and, rarely, a promise it must wait for) and receives their results. The SQLite runner
// drives it synchronously between BEGIN and COMMIT, so the one writer lock is never held across
// the event loop unless the script itself waits; the PostgreSQL runner awaits each statement.
// SQL uses `?` placeholders and quoted identifiers, which both databases read alike.

export type SqlValue = string | number | boolean | null | Date;

/** "rows": the statement's rows (SELECT, or … RETURNING); "count": how many rows it changed. */
export type SqlStatement = { kind: "rows" | "count"; sql: string; params: readonly SqlValue[] };

/** Yielded first by a script that will wait (waitFor), so it is not grouped with others (willWait). */
export const WILL_WAIT = Symbol("will wait");

export type SqlScript<T> = Generator<SqlStatement | Promise<unknown> | typeof WILL_WAIT, T, unknown>;

export type SqlProvider = "sqlite" | "postgresql";

/** Raw SQL on the database behind a Prisma client, for the hot statements of the engine (lib/db/raw-sql.ts). */
export type RawSql = {
  provider: SqlProvider;
  /** Runs the script as one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(script: () => SqlScript<T>): Promise<T>;
  /** Runs the script's statements each on its own, without a transaction around them (for a script of one statement). */
  alone<T>(script: () => SqlScript<T>): Promise<T>;
  /** One statement on its own. */
  rows<T>(sql: string, params: readonly SqlValue[]): Promise<T[]>;
};

export function* selectRows<T>(sql: string, params: readonly SqlValue[]): SqlScript<T[]> {
  return (yield { kind: "rows", sql, params }) as T[];
}

export function* execute(sql: string, params: readonly SqlValue[]): SqlScript<number> {
  return (yield { kind: "count", sql, params }) as number;
}

/** A script that runs no statement. */
export function* noWrites(): SqlScript<void> {
  yield* [];
}

/**
 * Says, before its first statement, that the script will wait for a promise: runners that commit
 * several transactions together (PostgreSQL) give it a transaction of its own instead, so the
 * others need not wait with it.
 */
export function* willWait(): SqlScript<void> {
  yield WILL_WAIT;
}

/** Waits for `promise` inside the transaction (on SQLite: still holding the writer lock). */
export function* waitFor<T>(promise: Promise<T>): SqlScript<T> {
  return (yield promise) as T;
}

export function isStatement(value: unknown): value is SqlStatement {
  return typeof value === "object" && value !== null && "sql" in value && "kind" in value;
}

/** A date column as read back: SQLite returns its text, the PostgreSQL runner a Date. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

export function toOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}
