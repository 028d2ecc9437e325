// Group commit in the ingest stores, on both providers: what is submitted in one turn is written
// in one transaction that stands or falls as a whole, except for the items of a deleted webhook;
// idempotency keys hold within a batch, across batches and across instances; and the raw rows
// read back through Prisma exactly as Prisma itself would have written them.
import { afterEach, describe, expect, it } from "vitest";

import type { DatabaseTarget } from "@/lib/db/database-target";
import { createId } from "@/lib/ids";
import { providers, type Provider } from "@/test/databases";
import { baseUrl, useWebhookApp, webhookRequest, type WebhookFixture } from "@/test/webhook-app";

import { WebhookGoneError, type AcceptRequest, type IngestStore, type RejectionRequest } from "./ingest-store";
import { createPostgresIngestStore } from "./ingest-store-postgres";
import { createSqliteIngestStore } from "./ingest-store-sqlite";

const WINDOW_MS = 24 * 60 * 60 * 1000;
const MARKER = "fail-this-batch";
const PARALLEL = 50;

function openStore(target: DatabaseTarget): IngestStore {
  return target.provider === "sqlite"
    ? createSqliteIngestStore(target.filePath)
    : createPostgresIngestStore(target.url);
}

/** A real failure inside the database: a trigger refusing any delivery whose body holds MARKER. */
const markerTrigger: Record<Provider, { create: string[]; drop: string[] }> = {
  sqlite: {
    create: [
      `CREATE TRIGGER "test_fail_marker" BEFORE INSERT ON "Delivery" WHEN NEW.body LIKE '%${MARKER}%'
       BEGIN SELECT RAISE(ABORT, 'marker found'); END`,
    ],
    drop: [`DROP TRIGGER IF EXISTS "test_fail_marker"`],
  },
  postgresql: {
    create: [
      `CREATE FUNCTION test_fail_marker() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.body LIKE '%${MARKER}%' THEN RAISE EXCEPTION 'marker found'; END IF; RETURN NEW; END $$`,
      `CREATE TRIGGER test_fail_marker BEFORE INSERT ON "Delivery" FOR EACH ROW EXECUTE FUNCTION test_fail_marker()`,
    ],
    drop: [`DROP TRIGGER IF EXISTS test_fail_marker ON "Delivery"`, `DROP FUNCTION IF EXISTS test_fail_marker()`],
  },
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(providers)("group commit in the ingest store on %s", (provider) => {
  const harness = useWebhookApp(provider);
  const stores: IngestStore[] = [];
  const store = () => {
    const opened = openStore(harness.database.target);
    stores.push(opened);
    return opened;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((opened) => opened.close()));
    for (const sql of markerTrigger[provider].drop) await harness.direct.$executeRawUnsafe(sql);
  });

  function acceptOf(
    fixture: WebhookFixture,
    opts: { body?: string; key?: string; receivedAt?: Date } = {},
  ): AcceptRequest {
    const body = opts.body ?? JSON.stringify({ id: createId("evt") });
    return {
      delivery: {
        id: createId("dlv"),
        webhookId: fixture.webhook.id,
        receivedAt: opts.receivedAt ?? new Date(),
        httpStatus: 202,
        headers: '{"content-type":"application/json"}',
        body,
        bodyBytes: Buffer.byteLength(body),
        bodyTruncated: false,
        sourceIp: "203.0.113.7",
        verifiedWith: "current",
        signedForm: "raw",
        idempotencyKey: opts.key ?? null,
        replayHash: null,
      },
      execution: {
        id: createId("run"),
        agentId: fixture.agent.id,
        workflowId: fixture.workflow.id,
        workflowVersion: fixture.workflow.version,
        maxAttempts: 3,
      },
      idempotencyWindowMs: WINDOW_MS,
    };
  }

  function rejectionOf(fixture: WebhookFixture, opts: { receivedAt?: Date } = {}): RejectionRequest {
    return {
      delivery: {
        id: createId("dlv"),
        webhookId: fixture.webhook.id,
        receivedAt: opts.receivedAt ?? new Date(),
        httpStatus: 401,
        headers: "{}",
        body: '{"unsigned":true}',
        bodyBytes: 17,
        bodyTruncated: true,
        sourceIp: null,
        errorCode: "missing_signature",
        errorMessage: "Missing x-signature header",
      },
      keep: 200,
    };
  }

  const storedIds = async (ids: string[]) =>
    (await harness.direct.delivery.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id);

  describe("a failing batch", () => {
    it("stores nothing of it and rejects every item with the failure; the next batch is stored", async () => {
      const fixture = await harness.createWebhook();
      for (const sql of markerTrigger[provider].create) await harness.direct.$executeRawUnsafe(sql);
      const writes = store();
      const failing = [
        acceptOf(fixture),
        acceptOf(fixture, { key: "evt-1" }),
        acceptOf(fixture, { body: JSON.stringify({ note: MARKER }) }),
        acceptOf(fixture),
      ];
      const rejection = rejectionOf(fixture);
      const failed = Promise.allSettled([
        ...failing.map((item) => writes.acceptDelivery(item)),
        writes.recordRejection(rejection),
      ]);
      await nextTurn();
      const later = [acceptOf(fixture), acceptOf(fixture, { key: "evt-2" })];
      const stored = await Promise.all(later.map((item) => writes.acceptDelivery(item)));

      const settled = await failed;
      expect(settled.map((result) => result.status)).toEqual(Array(5).fill("rejected"));
      const reasons = settled.map((result) => (result as PromiseRejectedResult).reason as Error);
      expect(reasons.every((reason) => reason === reasons[0] && /marker found/.test(reason.message))).toBe(true);
      expect(await storedIds([...failing.map((item) => item.delivery.id), rejection.delivery.id])).toEqual([]);
      expect(await harness.direct.execution.count({ where: { id: { in: failing.map((i) => i.execution.id) } } })).toBe(
        0,
      );

      expect(stored.map((result) => result.kind)).toEqual(["accepted", "accepted"]);
      expect((await storedIds(later.map((item) => item.delivery.id))).sort()).toEqual(
        later.map((item) => item.delivery.id).sort(),
      );
      expect(
        await harness.direct.execution.count({
          where: { id: { in: later.map((item) => item.execution.id) }, status: "queued" },
        }),
      ).toBe(2);
    });

    it("is answered 503 with Retry-After at the endpoint, and nothing is stored", async () => {
      const { webhook, privateKey } = await harness.createWebhook();
      for (const sql of markerTrigger[provider].create) await harness.direct.$executeRawUnsafe(sql);
      const body = JSON.stringify({ note: MARKER });
      const reply = await harness.post(webhookRequest({ webhookId: webhook.id, body, privateKey }));
      expect(reply.status).toBe(503);
      expect(reply.headers.get("retry-after")).toBe("5");
      expect(await harness.direct.delivery.count({ where: { webhookId: webhook.id } })).toBe(0);
    });
  });

  describe("idempotency keys", () => {
    it("answer a repeat in a later batch with the first delivery's ids", async () => {
      const fixture = await harness.createWebhook();
      const writes = store();
      const first = await writes.acceptDelivery(acceptOf(fixture, { key: "k-1", body: "{}" }));
      const repeat = await writes.acceptDelivery(acceptOf(fixture, { key: "k-1", body: "{}" }));
      expect(first.kind).toBe("accepted");
      expect(repeat).toEqual({ ...first, kind: "duplicate" });
    });

    it(`store ${PARALLEL} concurrent repeats of one key once, across two instances`, async () => {
      const fixture = await harness.createWebhook();
      // Two stores on one database: two instances of the app, each batching its own half.
      const instances = [store(), store()];
      const items = Array.from({ length: PARALLEL }, () => acceptOf(fixture, { key: "pay_1", body: '{"id":"pay_1"}' }));
      const results = await Promise.all(items.map((item, i) => instances[i % 2].acceptDelivery(item)));

      const accepted = results.filter((result) => result.kind === "accepted");
      expect(accepted).toHaveLength(1);
      expect(results.filter((result) => result.kind === "duplicate")).toHaveLength(PARALLEL - 1);
      for (const result of results) expect(result).toMatchObject({ ...accepted[0], kind: result.kind });

      const deliveries = await harness.direct.delivery.findMany({ where: { webhookId: fixture.webhook.id } });
      expect(deliveries).toMatchObject([{ id: accepted[0].deliveryId, duplicateCount: PARALLEL - 1 }]);
      const executions = await harness.direct.execution.findMany({ where: { webhookId: fixture.webhook.id } });
      expect(executions).toMatchObject([
        { id: (accepted[0] as { executionId: string }).executionId, status: "queued" },
      ]);
    });

    it("refuse a key reused with another body in the same batch", async () => {
      const fixture = await harness.createWebhook();
      const writes = store();
      const items = [
        acceptOf(fixture, { key: "k-2", body: '{"amount":1}' }),
        acceptOf(fixture, { key: "k-2", body: '{"amount":1000}' }),
        acceptOf(fixture, { key: "k-2", body: '{"amount":1}' }),
      ];
      const results = await Promise.all(items.map((item) => writes.acceptDelivery(item)));
      expect(results.map((result) => result.kind)).toEqual(["accepted", "idempotency_key_reused", "duplicate"]);
      expect(results[1]).toEqual({ kind: "idempotency_key_reused", deliveryId: items[0].delivery.id });
      const deliveries = await harness.direct.delivery.findMany({ where: { webhookId: fixture.webhook.id } });
      expect(deliveries).toMatchObject([{ id: items[0].delivery.id, body: '{"amount":1}', duplicateCount: 1 }]);
    });
  });

  it("fails only the items of a webhook deleted meanwhile", async () => {
    const kept = await harness.createWebhook();
    const gone = await harness.createWebhook();
    await harness.direct.webhook.delete({ where: { id: gone.webhook.id } });
    const writes = store();
    const keptItems = [acceptOf(kept), acceptOf(kept, { key: "k-3" }), acceptOf(kept)];
    const settled = await Promise.allSettled([
      writes.acceptDelivery(keptItems[0]),
      writes.acceptDelivery(acceptOf(gone)),
      writes.acceptDelivery(keptItems[1]),
      writes.recordRejection(rejectionOf(gone)),
      writes.acceptDelivery(acceptOf(gone, { key: "k-3" })),
      writes.recordRejection(rejectionOf(kept)),
      writes.acceptDelivery(keptItems[2]),
    ]);
    expect(settled.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    for (const result of settled)
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(WebhookGoneError);
    const rows = await harness.direct.delivery.findMany({ where: { webhookId: kept.webhook.id } });
    expect(
      rows
        .filter((row) => row.outcome === "accepted")
        .map((row) => row.id)
        .sort(),
    ).toEqual(keptItems.map((item) => item.delivery.id).sort());
    expect(rows.filter((row) => row.outcome === "rejected")).toHaveLength(1);
    expect(await harness.direct.execution.count({ where: { webhookId: kept.webhook.id } })).toBe(3);
  });

  it.each([1, 3])(
    "leaves no delivery behind for an item whose execution cannot be stored (batch of %i)",
    async (size) => {
      const fixture = await harness.createWebhook();
      const writes = store();
      const items = Array.from({ length: size }, () => acceptOf(fixture));
      // The workflow's agent is gone: the delivery's insert succeeds, its execution's fails.
      items[0].execution.agentId = "agt_gone";
      const settled = await Promise.allSettled(items.map((item) => writes.acceptDelivery(item)));
      expect(settled.map((result) => result.status)).toEqual(["rejected", ...Array(size - 1).fill("fulfilled")]);
      expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(WebhookGoneError);
      expect(await storedIds([items[0].delivery.id])).toEqual([]);
      expect(await harness.direct.delivery.count({ where: { webhookId: fixture.webhook.id } })).toBe(size - 1);
    },
  );

  describe("rows", () => {
    const previousTz = process.env.TZ;
    afterEach(() => {
      process.env.TZ = previousTz;
    });

    it("read back through Prisma as written, in any local time zone", async () => {
      // Far from UTC, so a timestamp written or read as local time would be off by hours.
      process.env.TZ = "Asia/Kolkata";
      const fixture = await harness.createWebhook();
      const receivedAt = new Date("2026-12-01T23:59:58.123Z");
      const writes = store();
      const item = acceptOf(fixture, { key: "k-4", body: '{"n":"é✓"}', receivedAt });
      const rejection = rejectionOf(fixture, { receivedAt });
      await Promise.all([writes.acceptDelivery(item), writes.recordRejection(rejection)]);

      const { direct } = harness;
      expect(await direct.delivery.findUniqueOrThrow({ where: { id: item.delivery.id } })).toEqual({
        ...item.delivery,
        outcome: "accepted",
        errorCode: null,
        errorMessage: null,
        duplicateCount: 0,
      });
      expect(await direct.delivery.findUniqueOrThrow({ where: { id: rejection.delivery.id } })).toEqual({
        ...rejection.delivery,
        outcome: "rejected",
        verifiedWith: null,
        signedForm: null,
        idempotencyKey: null,
        replayHash: null,
        duplicateCount: 0,
      });
      expect(await direct.execution.findUniqueOrThrow({ where: { id: item.execution.id } })).toMatchObject({
        ...item.execution,
        webhookId: fixture.webhook.id,
        deliveryId: item.delivery.id,
        trigger: "webhook",
        status: "queued",
        attempt: 0,
        runAt: receivedAt,
        createdAt: receivedAt,
      });
      // The window is measured from the stored time: a repeat just inside it is a duplicate.
      const repeat = acceptOf(fixture, {
        key: "k-4",
        body: item.delivery.body,
        receivedAt: new Date(receivedAt.getTime() + WINDOW_MS - 1),
      });
      expect((await writes.acceptDelivery(repeat)).kind).toBe("duplicate");
    });

    it("give the webhook as Prisma reads it, with the previous key's expiry", async () => {
      process.env.TZ = "America/Los_Angeles";
      const { app, direct } = harness;
      const fixture = await harness.createWebhook({ settings: { ipAllowList: ["203.0.113.0/24"], rateLimitBurst: 7 } });
      await app.webhooks.rotateWebhookKey({
        db: direct,
        agentId: fixture.agent.id,
        webhookId: fixture.webhook.id,
        input: {},
        baseUrl,
      });
      const row = await direct.webhook.findUniqueOrThrow({ where: { id: fixture.webhook.id } });
      const webhook = await store().findWebhook(fixture.webhook.id);
      expect(webhook).toMatchObject({
        id: row.id,
        agentId: row.agentId,
        workflowId: row.workflowId,
        workflowVersion: fixture.workflow.version,
        maxAttempts: 3,
        enabled: true,
        replayProtection: false,
        signatureScheme: "x-signature",
        rateLimit: { perSecond: null, burst: 7 },
        previousKeyExpiresAt: row.previousKeyExpiresAt!.getTime(),
      });
      expect(webhook?.previousKey).toBe(fixture.privateKey);
      expect(webhook?.ipAllowList).toHaveLength(1);
      expect(await store().findWebhook("wh_none")).toBeNull();
    });
  });
});
