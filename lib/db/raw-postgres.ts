import "server-only";

import pg from "pg";

import { isStatement, type RawSql, type SqlScript, type SqlStatement, type SqlValue } from "./sql-script";

// Raw SQL through the pg pool Prisma's adapter also uses (lib/db/create-client.ts), each
// statement prepared once per connection (named). Prisma's DateTime columns are `timestamp`
// without a time zone holding UTC: written as ISO text (PostgreSQL ignores the zone of a
// timestamp literal) and read back as UTC, whatever the server's or this process's time zone.

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
      let value: unknown;
      try {
        value = isStatement(step.value) ? await run(client, step.value) : await step.value;
      } catch (error) {
        if (isStatement(step.value)) failed ??= { error };
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

  return {
    provider: "postgresql",
    async transaction(script) {
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
    },
    alone: (script) => drive(pool, script()),
    rows: async <T>(sql: string, params: readonly SqlValue[]) =>
      (await run(pool, { kind: "rows", sql, params })) as T[],
  };
}
