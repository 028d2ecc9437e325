// Record Write in update mode on real SQLite and PostgreSQL: the new record is computed from the
// stored one ($current) inside the write's transaction, so concurrent increments are never lost;
// returning $current writes nothing, and $error refuses with the expression's own message.
import { describe, expect, it } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import { providers, useMigratedDatabase } from "@/test/databases";
import { runContext } from "@/test/run-context";

import { recordWriteStep, UPDATE_EXPRESSION_SECONDS } from "./record-write";
import { PermanentStepError } from "./step-handler";
import { recordWriteConfig } from "./step-schemas";

const increment = '{ "count": ($current.count ? $current.count : 0) + trigger.body.by }';

describe.each(providers)("record update on %s", (provider) => {
  const database = useMigratedDatabase(provider);

  async function createAgent() {
    return database.db.agent.create({ data: { name: "Agent" }, select: { id: true } });
  }

  function update(agentId: string, data: string, body: unknown = {}, db: Db = database.db) {
    return recordWriteStep.run({
      config: recordWriteConfig.parse({ collection: "counters", key: "c1", mode: "update", data }),
      context: runContext({ agentId, body }),
      services: { db, signal: new AbortController().signal },
    });
  }

  async function stored(agentId: string) {
    const rows = await database.db.dataRecord.findMany({ where: { agentId }, select: { data: true, updatedAt: true } });
    return rows.map((row) => ({ data: JSON.parse(row.data), updatedAt: row.updatedAt }));
  }

  it("creates the record from $current = null, then updates it from what is stored", async () => {
    const agent = await createAgent();
    expect(await update(agent.id, increment, { by: 2 })).toEqual({
      output: { collection: "counters", key: "c1", data: { count: 2 }, changed: true },
      input: { collection: "counters", key: "c1", mode: "update" },
    });
    expect((await update(agent.id, increment, { by: 5 })).output).toMatchObject({ data: { count: 7 }, changed: true });
    expect((await stored(agent.id)).map((row) => row.data)).toEqual([{ count: 7 }]);
  });

  it("writes nothing when the expression returns $current unchanged", async () => {
    const agent = await createAgent();
    await update(agent.id, increment, { by: 3 });
    const [before] = await stored(agent.id);
    const result = await update(agent.id, "trigger.body.skip ? $current : $merge([$current, {'x': 1}])", {
      skip: true,
    });
    expect(result.output).toEqual({ collection: "counters", key: "c1", data: { count: 3 }, changed: false });
    expect(await stored(agent.id)).toEqual([before]);
  });

  it("creates nothing when the expression returns null for a record that does not exist", async () => {
    const agent = await createAgent();
    expect((await update(agent.id, "$current")).output).toMatchObject({ data: null, changed: false });
    expect(await stored(agent.id)).toEqual([]);
  });

  it("refuses with the message of the expression's $error, permanently, and leaves the record as it was", async () => {
    const agent = await createAgent();
    await update(agent.id, increment, { by: 1 });
    const error = await update(
      agent.id,
      '$current.count > 0 ? $error("Counter " & $current.count & " is closed")',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe("Counter 1 is closed");
    expect((await stored(agent.id)).map((row) => row.data)).toEqual([{ count: 1 }]);
  });

  it("refuses to wipe an existing record with null", async () => {
    const agent = await createAgent();
    await update(agent.id, increment, { by: 1 });
    const error = await update(agent.id, "$current.missing").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toMatch(/produced nothing to store/);
    expect((await stored(agent.id)).map((row) => row.data)).toEqual([{ count: 1 }]);
  });

  it("does not write when the run was aborted while it waited for the record", async () => {
    const agent = await createAgent();
    const aborted = new AbortController();
    aborted.abort(new Error("Step timed out"));
    const error = await recordWriteStep
      .run({
        config: recordWriteConfig.parse({ collection: "counters", key: "c1", mode: "update", data: increment }),
        context: runContext({ agentId: agent.id, body: { by: 1 } }),
        services: { db: database.db, signal: aborted.signal },
      })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe("Step timed out");
    expect(await stored(agent.id)).toEqual([]);
  });

  it("loses no increment when many runs update one new record at once", async () => {
    const agent = await createAgent();
    // PostgreSQL: several connections race for the row lock. SQLite: one client per process (the
    // driver waits for a lock synchronously, so two clients in one process would stall each
    // other); the two-process case is lib/workflows/payments.integration.test.ts.
    const clients =
      provider === "postgresql"
        ? [database.db, createClient(database.target), createClient(database.target)]
        : [database.db];
    try {
      const runs = 30;
      const results = await Promise.all(
        Array.from({ length: runs }, (_, index) =>
          update(agent.id, increment, { by: 1 }, clients[index % clients.length]),
        ),
      );
      expect((await stored(agent.id)).map((row) => row.data)).toEqual([{ count: runs }]);
      // Each run saw a different stored count: the updates happened one after the other.
      const counts = results.map((result) => (result.output as { data: { count: number } }).data.count);
      expect(counts.toSorted((a, b) => a - b)).toEqual(Array.from({ length: runs }, (_, index) => index + 1));
    } finally {
      await Promise.all(clients.slice(1).map((client) => client.$disconnect()));
    }
  });
  it("stops an update expression that runs past the lock budget, and the record stays as it was", async () => {
    const agent = await createAgent();
    await update(agent.id, increment, { by: 1 });
    // Backtracks for far longer than the budget: the step's own (much longer) timeout must not apply under the lock.
    const runaway = `$match("${"a".repeat(40)}!", /(a+)+$/) ? $current : $current`;
    const error = await update(agent.id, runaway).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe(
      `The update expression ran longer than ${UPDATE_EXPRESSION_SECONDS} s; it runs while the record is locked, so it must finish within ${UPDATE_EXPRESSION_SECONDS} s`,
    );
    expect((await stored(agent.id)).map((row) => row.data)).toEqual([{ count: 1 }]);
    // The lock was released: the next update goes through.
    expect((await update(agent.id, increment, { by: 1 })).output).toMatchObject({ data: { count: 2 } });
  });
});
