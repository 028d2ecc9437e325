// Raw SQL scripts on real databases: a script commits or rolls back whole, one that waits for a
// promise keeps its transaction, and the transactions of one turn commit together (group commit)
// without one failure undoing the others.
import { describe, expect, it } from "vitest";

import { providers, useMigratedDatabase } from "@/test/databases";

import { getRawSql } from "./raw-sql";
import { execute, selectRows, toDate, waitFor, willWait } from "./sql-script";

describe.each(providers)("raw SQL on %s", (provider) => {
  const database = useMigratedDatabase(provider);

  const insertAgent = (name: string, createdAt = new Date()) =>
    execute(`INSERT INTO "Agent" ("id", "name", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`, [
      name,
      name,
      createdAt,
      createdAt,
    ]);
  const agentNames = async () =>
    (await database.db.agent.findMany({ orderBy: { name: "asc" } })).map((agent) => agent.name);

  it("commits a script's statements together and returns its value", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const count = await sql.transaction(function* () {
      yield* insertAgent("a1");
      yield* insertAgent("a2");
      const [row] = yield* selectRows<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Agent"`, []);
      return Number(row.n);
    });
    expect(count).toBe(2);
    expect(await agentNames()).toEqual(["a1", "a2"]);
  });

  it("rolls a script back whole when it throws", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const failing = sql.transaction(function* () {
      yield* insertAgent("b1");
      throw new Error("changed my mind");
    });
    await expect(failing).rejects.toThrow("changed my mind");
    expect(await agentNames()).toEqual([]);
  });

  it("hands a failed statement to the script; on PostgreSQL it also ends the transaction", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const outcome = sql.transaction(function* () {
      yield* insertAgent("c1");
      try {
        yield* insertAgent("c1");
        return "inserted twice";
      } catch {
        return "refused";
      }
    });
    if (provider === "sqlite") {
      expect(await outcome).toBe("refused");
      expect(await agentNames()).toEqual(["c1"]);
    } else {
      await expect(outcome).rejects.toThrow(/duplicate key/);
      expect(await agentNames()).toEqual([]);
    }
  });

  it("keeps the transaction while a script waits for a promise", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const later = new Promise<string>((resolve) => setTimeout(() => resolve("d2"), 50));
    await sql.transaction(function* () {
      yield* insertAgent("d1");
      yield* insertAgent(yield* waitFor(later));
    });
    expect(await agentNames()).toEqual(["d1", "d2"]);
  });

  it("commits the transactions asked for together, rolling back only the one that failed", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const results = await Promise.allSettled(
      ["e1", "e2", "e3", "e4"].map((name) =>
        sql.transaction(function* () {
          yield* insertAgent(name);
          if (name === "e3") throw new Error("not e3");
          return name;
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await agentNames()).toEqual(["e1", "e2", "e4"]);
  });

  it("gives a script that announces a wait its own transaction; on PostgreSQL the others need not wait", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const settled: string[] = [];
    const waiting = sql
      .transaction(function* () {
        yield* willWait();
        yield* insertAgent("w1");
        yield* waitFor(held);
      })
      .then(() => settled.push("waiting"));
    const others = ["w2", "w3"].map((name) => sql.transaction(() => insertAgent(name)).then(() => settled.push(name)));
    if (provider === "postgresql") {
      await Promise.all(others);
      expect(settled).toEqual(["w2", "w3"]);
    }
    release();
    await Promise.all([waiting, ...others]);
    expect(await agentNames()).toEqual(["w1", "w2", "w3"]);
  });

  it("writes and reads dates as Prisma does", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    const createdAt = new Date("2026-12-01T10:20:30.456Z");
    await sql.transaction(() => insertAgent("f1", createdAt));
    expect((await database.db.agent.findUniqueOrThrow({ where: { id: "f1" } })).createdAt).toEqual(createdAt);
    const [row] = await sql.rows<{ createdAt: unknown }>(`SELECT "createdAt" FROM "Agent" WHERE "id" = ?`, ["f1"]);
    expect(toDate(row.createdAt)).toEqual(createdAt);
  });

  it("runs a one-statement script alone", async () => {
    await database.reset();
    const sql = getRawSql(database.db);
    expect(await sql.alone(() => insertAgent("g1"))).toBe(1);
    expect(await agentNames()).toEqual(["g1"]);
  });
});
