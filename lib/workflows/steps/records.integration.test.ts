// Record Write and Record Read on real SQLite and PostgreSQL: merge vs replace, per-agent
// isolation, and concurrent writers to one key (several clients, so the races are real).
import { describe, expect, it } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import { providers, useMigratedDatabase } from "@/test/databases";
import { runContext } from "@/test/run-context";

import { recordReadStep } from "./record-read";
import { recordWriteStep } from "./record-write";
import { PermanentStepError } from "./step-handler";
import { recordReadConfig, recordWriteConfig } from "./step-schemas";

describe.each(providers)("record steps on %s", (provider) => {
  const database = useMigratedDatabase(provider);

  async function createAgent(name = "Agent") {
    return database.db.agent.create({ data: { name }, select: { id: true } });
  }

  function write(agentId: string, config: unknown, body: unknown = {}, db: Db = database.db) {
    const context = runContext({ agentId, body });
    return recordWriteStep.run({
      config: recordWriteConfig.parse(config),
      context,
      services: { db, signal: new AbortController().signal },
    });
  }

  function read(agentId: string, config: unknown, body: unknown = {}) {
    const context = runContext({ agentId, body });
    return recordReadStep.run({
      config: recordReadConfig.parse(config),
      context,
      services: { db: database.db, signal: new AbortController().signal },
    });
  }

  async function storedRows(agentId: string) {
    const rows = await database.db.dataRecord.findMany({
      where: { agentId },
      select: { collection: true, key: true, data: true },
    });
    return rows.map((row) => ({ ...row, data: JSON.parse(row.data) }));
  }

  it("creates a record at a templated key and reads it back", async () => {
    const agent = await createAgent();
    const body = { client: { id: "c-42", name: "Ada", balance: 120 } };
    const written = await write(
      agent.id,
      { collection: "clients", key: "client-{{ trigger.body.client.id }}", data: "trigger.body.client" },
      body,
    );
    expect(written).toEqual({
      output: { collection: "clients", key: "client-c-42", data: { id: "c-42", name: "Ada", balance: 120 } },
      input: {
        collection: "clients",
        key: "client-c-42",
        mode: "merge",
        data: { id: "c-42", name: "Ada", balance: 120 },
      },
    });
    expect(await storedRows(agent.id)).toEqual([
      { collection: "clients", key: "client-c-42", data: { id: "c-42", name: "Ada", balance: 120 } },
    ]);
    expect(
      await read(agent.id, { collection: "clients", key: "client-{{ trigger.body.id }}" }, { id: "c-42" }),
    ).toEqual({
      output: { id: "c-42", name: "Ada", balance: 120 },
      input: { collection: "clients", key: "client-c-42" },
    });
  });

  it("merges top-level fields by default and replaces in replace mode", async () => {
    const agent = await createAgent();
    await write(agent.id, {
      collection: "clients",
      key: "c1",
      data: '{"name": "Ada", "tier": "gold", "address": {"city": "Paris", "zip": "75001"}}',
    });
    const merged = await write(agent.id, {
      collection: "clients",
      key: "c1",
      data: '{"tier": "platinum", "address": {"city": "Lyon"}}',
    });
    // Shallow: `address` is replaced as a whole, `name` is kept.
    expect(merged.output).toEqual({
      collection: "clients",
      key: "c1",
      data: { name: "Ada", tier: "platinum", address: { city: "Lyon" } },
    });
    const replaced = await write(agent.id, {
      collection: "clients",
      key: "c1",
      data: '{"tier": "silver"}',
      mode: "replace",
    });
    expect(replaced.output).toEqual({ collection: "clients", key: "c1", data: { tier: "silver" } });
    expect(await storedRows(agent.id)).toEqual([{ collection: "clients", key: "c1", data: { tier: "silver" } }]);
  });

  it("replaces when either side of a merge is not an object", async () => {
    const agent = await createAgent();
    await write(agent.id, { collection: "balances", key: "acct", data: "[1, 2]" });
    expect(
      (await write(agent.id, { collection: "balances", key: "acct", data: '{"amount": 5}' })).output,
    ).toMatchObject({ data: { amount: 5 } });
    expect((await write(agent.id, { collection: "balances", key: "acct", data: "42" })).output).toMatchObject({
      data: 42,
    });
    expect(await storedRows(agent.id)).toEqual([{ collection: "balances", key: "acct", data: 42 }]);
  });

  it("keeps each agent's and each collection's records apart", async () => {
    const first = await createAgent("First");
    const second = await createAgent("Second");
    await write(first.id, { collection: "clients", key: "k", data: '"first"' });
    await write(second.id, { collection: "clients", key: "k", data: '"second"' });
    await write(first.id, { collection: "invoices", key: "k", data: '"invoice"' });
    expect((await read(first.id, { collection: "clients", key: "k" })).output).toBe("first");
    expect((await read(second.id, { collection: "clients", key: "k" })).output).toBe("second");
    expect((await read(first.id, { collection: "invoices", key: "k" })).output).toBe("invoice");
    expect((await read(second.id, { collection: "invoices", key: "k" })).output).toBeNull();
  });

  it("reads null for a missing record, and fails permanently when it is required", async () => {
    const agent = await createAgent();
    expect(await read(agent.id, { collection: "clients", key: "nobody" })).toEqual({
      output: null,
      input: { collection: "clients", key: "nobody" },
    });
    const error = await read(
      agent.id,
      { collection: "clients", key: "{{ trigger.body.id }}", required: true },
      { id: "c-404" },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toBe('No record with key "c-404" in collection "clients"');
  });

  it.each([
    [
      { collection: "c", key: "{{ trigger.body.missing }}", data: "1" },
      /The key "\{\{ trigger\.body\.missing \}\}" rendered empty/,
    ],
    [
      { collection: "c", key: "k", data: "trigger.body.missing" },
      /The data expression "trigger\.body\.missing" produced nothing to store/,
    ],
  ])("refuses a write the builder must fix: %j", async (config, message) => {
    const agent = await createAgent();
    const error = await write(agent.id, config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentStepError);
    expect((error as Error).message).toMatch(message);
    expect(await storedRows(agent.id)).toEqual([]);
  });

  it("keeps every field when concurrent runs merge into one new key", async () => {
    const agent = await createAgent();
    const clients = [database.db, createClient(database.target), createClient(database.target)];
    try {
      const writers = 12;
      const results = await Promise.all(
        Array.from({ length: writers }, (_, index) =>
          write(
            agent.id,
            { collection: "balances", key: "acct-1", data: `{"field${index}": ${index}}` },
            {},
            clients[index % clients.length],
          ),
        ),
      );
      expect(results).toHaveLength(writers);
      const rows = await storedRows(agent.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].data).toEqual(
        Object.fromEntries(Array.from({ length: writers }, (_, index) => [`field${index}`, index])),
      );
    } finally {
      await Promise.all(clients.slice(1).map((client) => client.$disconnect()));
    }
  });

  it("ends with one of the written values when concurrent runs replace one new key", async () => {
    const agent = await createAgent();
    const clients = [database.db, createClient(database.target), createClient(database.target)];
    try {
      const writers = 12;
      await Promise.all(
        Array.from({ length: writers }, (_, index) =>
          write(
            agent.id,
            { collection: "balances", key: "acct-2", data: `{"value": ${index}}`, mode: "replace" },
            {},
            clients[index % clients.length],
          ),
        ),
      );
      const rows = await storedRows(agent.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].data.value).toBeGreaterThanOrEqual(0);
      expect(rows[0].data.value).toBeLessThan(writers);
    } finally {
      await Promise.all(clients.slice(1).map((client) => client.$disconnect()));
    }
  });
});
