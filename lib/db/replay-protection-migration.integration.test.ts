// Upgrading a database with webhooks to replay protection: the webhooks that existed keep
// answering as before (off), while a webhook created afterwards has it on.
import { afterAll, describe, expect, it } from "vitest";

import { createEmptyDatabase, providers, skipUnlessAvailable } from "@/test/databases";
import { copyMigrations, executeRaw } from "@/test/migration-history";

import { createClient } from "./create-client";
import { migrateDatabase } from "./migrate";

const REPLAY_PROTECTION = "20261201215745_webhook_replay_protection";

describe.each(providers)("the replay protection migration on %s", (provider) => {
  skipUnlessAvailable(provider);
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  function migrationsBefore(): string {
    const { dir, cleanup } = copyMigrations({ provider, keep: (name) => name < REPLAY_PROTECTION });
    cleanups.push(cleanup);
    return dir;
  }

  it("leaves existing webhooks off and turns it on for new ones", async () => {
    const database = await createEmptyDatabase(provider);
    cleanups.push(database.drop);
    const { target } = database;
    const before = await migrateDatabase({ target, migrationsDir: migrationsBefore() });
    expect(before).not.toContain(REPLAY_PROTECTION);

    const at = provider === "sqlite" ? "2026-11-20T10:00:00.000+00:00" : "2026-11-20T10:00:00.000Z";
    await executeRaw(target, [
      [
        `INSERT INTO "Agent" ("id", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4)`,
        ["agt_old", "OCR", at, at],
      ],
      [
        `INSERT INTO "Workflow" ("id", "agentId", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)`,
        ["wf_old", "agt_old", "Ingest", at, at],
      ],
      [
        `INSERT INTO "Webhook" ("id", "agentId", "workflowId", "name", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6)`,
        ["wh_old", "agt_old", "wf_old", "OCR results", at, at],
      ],
    ]);
    expect(await migrateDatabase({ target })).toContain(REPLAY_PROTECTION);

    const db = createClient(target);
    cleanups.push(() => db.$disconnect());
    expect(await db.webhook.findUniqueOrThrow({ where: { id: "wh_old" } })).toMatchObject({
      name: "OCR results",
      replayProtection: false,
    });
    const created = await db.webhook.create({
      data: { id: "wh_new", agentId: "agt_old", workflowId: "wf_old", name: "New" },
    });
    expect(created.replayProtection).toBe(true);
  });
});
