import "server-only";

import pg from "pg";

import { isStatement, WILL_WAIT, type RawSql, type SqlScript, type SqlStatement, type SqlValue } from "./sql-script";

// Raw SQL through the pg pool Prisma's adapter also uses (lib/db/create-client.ts), each
// statement prepared once per connection (named). Prisma's DateTime columns are `timestamp`
// without a time zone holding UTC: written as ISO text (PostgreSQL ignores the zone of a
// timestamp literal) and read back as UTC, whatever the server's or this process's time zone.
//
// Group commit: each statement is a round trip, and BEGIN and COMMIT are two more per
// transaction. The transactions asked for while the previous group ran are run as one, on one
// connection, one group at a time (so this process's groups never wait for each other's locks).
// There is no savepoint per script (two more round trips each): when any script of a group
// fails, the group is rolled back and each of its scripts runs again in a transaction of its own,
// where it succeeds or fails alone; a lock held elsewhere for longer than GROUP_LOCK_TIMEOUT does
// the same, so two processes' groups cannot deadlock for long. A script that will wait
// (willWait) always runs alone.

const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text"),
};

function toPostgresValue(value: SqlValue): string | number | boolean | null {
  return value instanceof Date ? value.toISOString() : value;
}

/** `?` placeholders to PostgreSQL's `$1, $2…` (the engine's SQL has no `?` in literals). */
function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

type Prepared = { name: string; text: string };
type Queued = { script: () => SqlScript<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
/** How a script went in a group: its value, or why it must run alone. */
type InGroup = { ok: true; value: unknown } | { ok: false; alone: "waits" | "failed" };

const MAX_GROUP = 100;
const GROUP_LOCK_TIMEOUT = "200ms";

export function createPostgresSql(pool: pg.Pool): RawSql {
  const prepared = new Map<string, Prepared>();
  const run = async (client: pg.Pool | pg.PoolClient, statement: SqlStatement): Promise<unknown> => {
    let query = prepared.get(statement.sql);
    if (!query) {
      query = { name: `aw_${prepared.size}`, text: numberPlaceholders(statement.sql) };
      prepared.set(statement.sql, query);
    }
    const result = await client.query({ ...query, values: statement.params.map(toPostgresValue), types });
    return statement.kind === "rows" ? result.rows : (result.rowCount ?? 0);
  };

  async function drive<T>(client: pg.Pool | pg.PoolClient, script: SqlScript<T>): Promise<T> {
    let failed: { error: unknown } | undefined;
    let step = script.next();
    while (!step.done) {
      const yielded = step.value;
      let value: unknown;
      try {
        value = isStatement(yielded) ? await run(client, yielded) : yielded === WILL_WAIT ? undefined : await yielded;
      } catch (error) {
        if (isStatement(yielded)) failed ??= { error };
        step = script.throw(error);
        continue;
      }
      step = script.next(value);
    }
    // A failed statement aborts a PostgreSQL transaction, and COMMIT would then quietly roll it
    // back: a script that went on after one has not committed anything.
    if (failed && client !== pool) throw failed.error;
    return step.value;
  }

  /** The script in a transaction of its own. */
  async function runAlone<T>(script: () => SqlScript<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await drive(client, script());
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that could not even roll back is closed rather than handed to the next caller.
      client.release(broken);
    }
  }

  /**
   * Runs a script inside the group's transaction. Anything but plain statements sends it to run
   * alone: a wait it announced before its first statement ("waits": the group goes on without
   * it), or a failure, or a wait it did not announce ("failed": the group is rolled back).
   */
  async function driveInGroup(client: pg.PoolClient, script: SqlScript<unknown>): Promise<InGroup> {
    try {
      let step = script.next();
      if (!step.done && step.value === WILL_WAIT) return { ok: false, alone: "waits" };
      while (!step.done) {
        if (!isStatement(step.value)) return { ok: false, alone: "failed" };
        step = script.next(await run(client, step.value));
      }
      return { ok: true, value: step.value };
    } catch {
      return { ok: false, alone: "failed" };
    }
  }

  async function runGroup(group: Queued[]): Promise<void> {
    const settleAlone = (queued: Queued) => runAlone(queued.script).then(queued.resolve, queued.reject);
    if (group.length === 1) return settleAlone(group[0]);
    const client = await pool.connect();
    let broken: Error | undefined;
    const values = new Map<Queued, unknown>();
    const sentAlone = new Set<Queued>();
    let committed = false;
    try {
      await client.query(`BEGIN; SET LOCAL lock_timeout = '${GROUP_LOCK_TIMEOUT}'`);
      let failed = false;
      for (const queued of group) {
        const outcome = await driveInGroup(client, queued.script());
        if (outcome.ok) values.set(queued, outcome.value);
        else if (outcome.alone === "waits") {
          sentAlone.add(queued);
          void settleAlone(queued);
        } else {
          failed = true;
          break;
        }
      }
      await client.query(failed ? "ROLLBACK" : "COMMIT");
      committed = !failed;
    } catch {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    } finally {
      client.release(broken);
    }
    if (committed) for (const [queued, value] of values) queued.resolve(value);
    // Nothing of the group committed: each script alone, where it succeeds or fails on its own. A
    // script whose group's COMMIT failed may have committed after all: the engine's scripts are
    // conditional transitions, so running one again changes nothing.
    else await Promise.all(group.filter((queued) => !sentAlone.has(queued)).map(settleAlone));
  }

  let queue: Queued[] = [];
  let running = false;
  function runQueued() {
    if (running || queue.length === 0) return;
    running = true;
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(MAX_GROUP);
    runGroup(group).finally(() => {
      running = false;
      runQueued();
    });
  }

  return {
    provider: "postgresql",
    transaction: <T>(script: () => SqlScript<T>) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ script, resolve: resolve as (value: unknown) => void, reject });
        // Waits for this turn's other requests, so they form one group.
        if (queue.length === 1 && !running) setImmediate(runQueued);
      }),
    alone: (script) => drive(pool, script()),
    rows: async <T>(sql: string, params: readonly SqlValue[]) =>
      (await run(pool, { kind: "rows", sql, params })) as T[],
  };
}
