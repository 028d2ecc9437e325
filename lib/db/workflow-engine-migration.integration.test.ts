// Upgrading a database that already holds data to the workflow engine's schema: the rows written
// before (agent, workflow, webhook, delivery, queued run) are kept, every workflow's definition
// becomes its recorded version, and the queued run is then run by the new engine.
import { afterAll, describe, expect, it } from "vitest";

import { createEmptyDatabase, providers, skipUnlessAvailable, type EmptyDatabase } from "@/test/databases";
import { copyMigrations, executeRaw } from "@/test/migration-history";

import { createClient } from "./create-client";
import { migrateDatabase } from "./migrate";

const BEFORE_ENGINE = "20261129073628_webhooks";

describe.each(providers)("the workflow engine migration on %s", (provider) => {
  skipUnlessAvailable(provider);
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** The migrations as they were before the workflow engine: every folder up to BEFORE_ENGINE. */
  function migrationsBeforeEngine(): string {
    const { dir, cleanup } = copyMigrations({ provider, keep: (name) => name <= BEFORE_ENGINE });
    cleanups.push(cleanup);
    return dir;
  }

  it("keeps every row, records each workflow's definition as its version, and the old queued run still runs", async () => {
    const database: EmptyDatabase = await createEmptyDatabase(provider);
    cleanups.push(database.drop);
    const { target } = database;
    expect(await migrateDatabase({ target, migrationsDir: migrationsBeforeEngine() })).toEqual([
      "20261129073030_init",
      BEFORE_ENGINE,
    ]);

    // Dates as each provider's Prisma client writes them.
    const at = (iso: string) => (provider === "sqlite" ? iso.replace("Z", "+00:00") : iso);
    const created = "2026-11-20T10:00:00.000Z";
    const received = "2026-11-28T09:30:00.000Z";
    const definition = '{"steps":[]}';
    await executeRaw(target, [
      [
        `INSERT INTO "Agent" ("id", "name", "description", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)`,
        ["agt_old", "OCR", "before the engine", at(created), at(created)],
      ],
      [
        `INSERT INTO "Workflow" ("id", "agentId", "name", "description", "version", "definition", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        ["wf_old", "agt_old", "Ingest", "", 3, definition, at(created), at("2026-11-21T10:00:00.000Z")],
      ],
      [
        `INSERT INTO "Webhook" ("id", "agentId", "workflowId", "name", "enabled", "keyCiphertext", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        ["wh_old", "agt_old", "wf_old", "OCR results", true, "v1.sealed", at(created), at(created)],
      ],
      [
        `INSERT INTO "Delivery" ("id", "webhookId", "receivedAt", "outcome", "httpStatus", "verifiedWith", "signedForm", "headers", "body", "bodyBytes") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          "dlv_old",
          "wh_old",
          at(received),
          "accepted",
          202,
          "current",
          "raw",
          '{"content-type":"application/json"}',
          '{"documentId":"doc-1"}',
          22,
        ],
      ],
      [
        `INSERT INTO "Execution" ("id", "agentId", "workflowId", "workflowVersion", "webhookId", "deliveryId", "status", "attempt", "runAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        ["run_old", "agt_old", "wf_old", 3, "wh_old", "dlv_old", "queued", 0, at(received), at(received)],
      ],
    ]);

    // The engine's migration comes first; later ones (accounts, …) follow it on the way to today's schema.
    expect((await migrateDatabase({ target }))[0]).toBe("20261129075727_workflow_engine");

    const db = createClient(target);
    cleanups.push(() => db.$disconnect());
    expect(await db.agent.findUniqueOrThrow({ where: { id: "agt_old" } })).toMatchObject({
      name: "OCR",
      description: "before the engine",
      llmBaseUrl: null,
      llmApiKeyCiphertext: null,
    });
    expect(await db.workflow.findUniqueOrThrow({ where: { id: "wf_old" } })).toMatchObject({ version: 3, definition });
    expect(await db.webhook.findUniqueOrThrow({ where: { id: "wh_old" } })).toMatchObject({
      workflowId: "wf_old",
      keyCiphertext: "v1.sealed",
      enabled: true,
    });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: "dlv_old" } })).toMatchObject({
      body: '{"documentId":"doc-1"}',
      receivedAt: new Date(received),
    });
    const run = await db.execution.findUniqueOrThrow({ where: { id: "run_old" } });
    expect(run).toMatchObject({
      status: "queued",
      attempt: 0,
      workflowVersion: 3,
      deliveryId: "dlv_old",
      runAt: new Date(received),
    });
    // New columns: the defaults a webhook-queued run gets.
    expect(run).toMatchObject({
      trigger: "webhook",
      maxAttempts: 3,
      input: null,
      error: null,
      replayOfId: null,
      stoppedAtStepId: null,
    });

    expect(await db.workflowVersion.findMany()).toEqual([
      { workflowId: "wf_old", version: 3, definition, createdAt: new Date("2026-11-21T10:00:00.000Z") },
    ]);

    // The new engine claims the old run and runs the version it recorded.
    const { claimExecutions } = await import("@/lib/workflows/engine/claim-executions");
    const { runExecution } = await import("@/lib/workflows/engine/run-execution");
    expect(await claimExecutions({ db, provider, workerId: "w", limit: 10, leaseMs: 30_000 })).toEqual(["run_old"]);
    expect(
      await runExecution({
        db,
        executionId: "run_old",
        workerId: "w",
        leaseMs: 30_000,
        shutdownSignal: new AbortController().signal,
      }),
    ).toBe("succeeded");
  });

  it("fails a queued run of a definition saved in the old loose format at once, instead of leaving it running", async () => {
    const database: EmptyDatabase = await createEmptyDatabase(provider);
    cleanups.push(database.drop);
    const { target } = database;
    await migrateDatabase({ target, migrationsDir: migrationsBeforeEngine() });
    const now = provider === "sqlite" ? new Date().toISOString().replace("Z", "+00:00") : new Date().toISOString();
    // Before step types existed, the API took any step with an id and a type.
    const legacy = '{"steps":[{"id":"notify","type":"http","url":"https://example.com/hook"}]}';
    await executeRaw(target, [
      [
        `INSERT INTO "Agent" ("id", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4)`,
        ["agt_legacy", "Legacy", now, now],
      ],
      [
        `INSERT INTO "Workflow" ("id", "agentId", "name", "version", "definition", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        ["wf_legacy", "agt_legacy", "Legacy", 2, legacy, now, now],
      ],
      [
        `INSERT INTO "Execution" ("id", "agentId", "workflowId", "workflowVersion", "status", "attempt", "runAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        ["run_legacy", "agt_legacy", "wf_legacy", 2, "queued", 0, now, now],
      ],
    ]);
    await migrateDatabase({ target });

    const db = createClient(target);
    cleanups.push(() => db.$disconnect());
    expect(await db.workflowVersion.findMany({ select: { version: true, definition: true } })).toEqual([
      { version: 2, definition: legacy },
    ]);
    const { claimExecutions } = await import("@/lib/workflows/engine/claim-executions");
    const { runExecution } = await import("@/lib/workflows/engine/run-execution");
    expect(await claimExecutions({ db, provider, workerId: "w", limit: 10, leaseMs: 30_000 })).toEqual(["run_legacy"]);
    expect(
      await runExecution({
        db,
        executionId: "run_legacy",
        workerId: "w",
        leaseMs: 30_000,
        shutdownSignal: new AbortController().signal,
      }),
    ).toBe("failed");
    const run = await db.execution.findUniqueOrThrow({ where: { id: "run_legacy" } });
    expect(run).toMatchObject({ status: "failed", attempt: 1, leaseOwner: null });
    expect(run.error).toMatch(/Workflow version 2 is not a valid definition/);
  });
});
