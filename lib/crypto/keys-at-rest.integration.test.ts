// Private keys at rest, on both providers: nothing in the database holds a key in the clear, the
// ciphertext opens only with the right master key and webhook id, and a start with another
// master key is refused.
import { describe, expect, it, vi } from "vitest";

import type { Db } from "@/lib/db/create-client";
import { providers } from "@/test/databases";
import { baseUrl, setEnv, TEST_MASTER_KEY, useWebhookApp, webhookRequest } from "@/test/webhook-app";

import { decryptSecret } from "./secret-box";

const otherMasterKey = "f".repeat(64);
const tables = ["Agent", "Workflow", "Webhook", "Delivery", "Execution", "SystemSetting", "_prisma_migrations"];

async function dumpDatabase(db: Db): Promise<string> {
  const dumps: string[] = [];
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    dumps.push(JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
  }
  return dumps.join("\n");
}

/** Fresh modules under another WORKBENCH_MASTER_KEY, as a restart with a changed environment. */
async function withMasterKey<T>(masterKey: string, run: () => Promise<T>): Promise<T> {
  const restore = setEnv({ WORKBENCH_MASTER_KEY: masterKey });
  vi.resetModules();
  try {
    return await run();
  } finally {
    restore();
  }
}

describe.each(providers)("keys at rest on %s", (provider) => {
  const harness = useWebhookApp(provider);

  it("stores no private key in the clear in any column of any table", async () => {
    const { app, direct } = harness;
    const fixture = await harness.createWebhook();
    const { keyFile } = await app.webhooks.rotateWebhookKey({
      db: direct,
      agentId: fixture.agent.id,
      webhookId: fixture.webhook.id,
      input: { graceHours: 24 },
      baseUrl,
    });
    for (const privateKey of [fixture.privateKey, keyFile.privateKey]) {
      const reply = await harness.post(
        webhookRequest({ webhookId: fixture.webhook.id, body: JSON.stringify({ ok: true }), privateKey }),
      );
      expect(reply.status).toBe(202);
    }

    const dump = await dumpDatabase(direct);
    expect(dump).toContain(fixture.webhook.id); // the dump really holds the webhook rows
    for (const privateKey of [fixture.privateKey, keyFile.privateKey]) {
      const secretPart = privateKey.slice("awk_".length);
      expect(dump).not.toContain(secretPart);
      expect(dump).not.toContain(Buffer.from(secretPart, "base64url").toString("base64").slice(0, 40));
      expect(dump).not.toContain(Buffer.from(secretPart, "base64url").toString("hex"));
    }

    const row = await direct.webhook.findUniqueOrThrow({ where: { id: fixture.webhook.id } });
    const masterKey = Buffer.from(TEST_MASTER_KEY, "hex");
    expect(row.keyCiphertext).toMatch(/^v1\./);
    expect(decryptSecret({ masterKey, sealed: row.keyCiphertext!, associatedData: `webhook-key:${row.id}` })).toBe(
      keyFile.privateKey,
    );
    expect(
      decryptSecret({ masterKey, sealed: row.previousKeyCiphertext!, associatedData: `webhook-key:${row.id}` }),
    ).toBe(fixture.privateKey);
  });

  it("opens a stored key only with the master key and the webhook it belongs to", async () => {
    const { direct } = harness;
    const one = await harness.createWebhook();
    const two = await harness.createWebhook();
    const row = await direct.webhook.findUniqueOrThrow({ where: { id: one.webhook.id } });
    const sealed = row.keyCiphertext!;
    expect(() =>
      decryptSecret({ masterKey: Buffer.from(otherMasterKey, "hex"), sealed, associatedData: `webhook-key:${row.id}` }),
    ).toThrow();
    expect(() =>
      decryptSecret({
        masterKey: Buffer.from(TEST_MASTER_KEY, "hex"),
        sealed,
        associatedData: `webhook-key:${two.webhook.id}`,
      }),
    ).toThrow();

    // The app itself, restarted with another master key, cannot hand the key out.
    await withMasterKey(otherMasterKey, async () => {
      const { getWebhookKeyFile } = await import("@/lib/webhooks/get-webhook-key-file");
      await expect(
        getWebhookKeyFile({ db: direct, agentId: one.agent.id, webhookId: one.webhook.id, baseUrl }),
      ).rejects.toThrow();
    });
    const keyFile = await withMasterKey(TEST_MASTER_KEY, async () => {
      const { getWebhookKeyFile } = await import("@/lib/webhooks/get-webhook-key-file");
      return getWebhookKeyFile({ db: direct, agentId: one.agent.id, webhookId: one.webhook.id, baseUrl });
    });
    expect(keyFile.privateKey).toBe(one.privateKey);
  });

  it("assertMasterKeyMatches: passes with the right key (twice), refuses another, and is not changed by the refusal", async () => {
    const { direct } = harness;
    await direct.systemSetting.deleteMany();
    const assertWith = (masterKey: string) =>
      withMasterKey(masterKey, async () => (await import("./master-key")).assertMasterKeyMatches({ db: direct }));

    await expect(assertWith(TEST_MASTER_KEY)).resolves.toBeUndefined();
    await expect(assertWith(TEST_MASTER_KEY)).resolves.toBeUndefined();
    const settings = await direct.systemSetting.findMany();
    expect(settings).toHaveLength(1);
    expect(settings[0].value).toMatch(/^v1\./);
    expect(settings[0].value).not.toContain("master-key-check");

    await expect(assertWith(otherMasterKey)).rejects.toThrow(/does not match/);
    expect(await direct.systemSetting.findMany()).toEqual(settings);
    await expect(assertWith(TEST_MASTER_KEY)).resolves.toBeUndefined();
  });

  it("assertMasterKeyMatches: instances starting together on an empty database agree on one check value", async () => {
    const { direct } = harness;
    await direct.systemSetting.deleteMany();
    await withMasterKey(TEST_MASTER_KEY, async () => {
      const { assertMasterKeyMatches } = await import("./master-key");
      await Promise.all(Array.from({ length: 5 }, () => assertMasterKeyMatches({ db: direct })));
    });
    expect(await direct.systemSetting.count()).toBe(1);
    await expect(
      withMasterKey(otherMasterKey, async () => (await import("./master-key")).assertMasterKeyMatches({ db: direct })),
    ).rejects.toThrow(/does not match/);
  });
});
