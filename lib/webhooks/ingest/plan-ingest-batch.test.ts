import { describe, expect, it } from "vitest";

import type { IngestWrite } from "./ingest-write";
import { lookupsOf, planIngestBatch, type EarlierDelivery } from "./plan-ingest-batch";

const WINDOW = 60_000;
const now = new Date("2026-12-01T10:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

let counter = 0;
function accept(opts: { key?: string; hash?: string; body?: string; webhookId?: string } = {}): IngestWrite {
  counter += 1;
  return {
    kind: "accept",
    delivery: {
      id: `dlv_${counter}`,
      webhookId: opts.webhookId ?? "wh_1",
      receivedAt: now,
      httpStatus: 202,
      headers: "{}",
      body: opts.body ?? "{}",
      bodyBytes: 2,
      bodyTruncated: false,
      sourceIp: null,
      verifiedWith: "current",
      signedForm: "raw",
      idempotencyKey: opts.key ?? null,
      replayHash: opts.hash ?? null,
    },
    execution: { id: `run_${counter}`, agentId: "agt_1", workflowId: "wf_1", workflowVersion: 1, maxAttempts: 3 },
    idempotencyWindowMs: WINDOW,
  };
}

function reject(webhookId = "wh_1"): IngestWrite {
  counter += 1;
  return {
    kind: "reject",
    delivery: {
      id: `dlv_${counter}`,
      webhookId,
      receivedAt: now,
      httpStatus: 401,
      headers: "{}",
      body: "",
      bodyBytes: 0,
      bodyTruncated: false,
      sourceIp: null,
      errorCode: "signature_mismatch",
      errorMessage: "no",
    },
    keep: 200,
  };
}

function stored(opts: Partial<EarlierDelivery> & Pick<EarlierDelivery, "matched">): EarlierDelivery {
  return {
    id: "dlv_old",
    webhookId: "wh_1",
    idempotencyKey: null,
    replayHash: null,
    receivedAt: ago(1_000),
    body: null,
    executionId: "run_old",
    executionStatus: "succeeded",
    ...opts,
  };
}

const idOf = (item: IngestWrite) => item.delivery.id;
const runOf = (item: IngestWrite) => (item.kind === "accept" ? item.execution.id : "");

describe("planIngestBatch", () => {
  it("accepts items without key or hash, in order, each with its queued execution", () => {
    const items = [accept(), accept({ body: '{"a":1}' }), accept()];
    const plan = planIngestBatch({ items, earlier: [] });
    expect(plan.outcomes).toEqual(
      items.map((item) => ({
        kind: "accepted",
        deliveryId: idOf(item),
        executionId: runOf(item),
        executionStatus: "queued",
      })),
    );
    expect(plan.deliveries.map((row) => [row.id, row.outcome, row.duplicateCount])).toEqual(
      items.map((item) => [idOf(item), "accepted", 0]),
    );
    expect(plan.executions.map((row) => [row.id, row.deliveryId, row.webhookId, row.createdAt])).toEqual(
      items.map((item) => [runOf(item), idOf(item), "wh_1", now]),
    );
    expect(plan.duplicateCounts.size + plan.releasedKeys.length + plan.releasedHashes.length + plan.trims.size).toBe(0);
  });

  it("answers a key repeated in the batch with the first item's ids and counts it on that row", () => {
    const items = [accept({ key: "k" }), accept({ key: "k" }), accept({ key: "k" })];
    const plan = planIngestBatch({ items, earlier: [] });
    const answer = { deliveryId: idOf(items[0]), executionId: runOf(items[0]), executionStatus: "queued" };
    expect(plan.outcomes).toEqual([
      { kind: "accepted", ...answer },
      { kind: "duplicate", ...answer },
      { kind: "duplicate", ...answer },
    ]);
    expect(plan.deliveries).toHaveLength(1);
    expect(plan.deliveries[0]).toMatchObject({ idempotencyKey: "k", duplicateCount: 2 });
    expect(plan.executions).toHaveLength(1);
  });

  it("refuses a key reused in the batch with another body", () => {
    const items = [accept({ key: "k", body: '{"a":1}' }), accept({ key: "k", body: '{"a":2}' })];
    const plan = planIngestBatch({ items, earlier: [] });
    expect(plan.outcomes[1]).toEqual({ kind: "idempotency_key_reused", deliveryId: idOf(items[0]) });
    expect(plan.deliveries.map((row) => row.id)).toEqual([idOf(items[0])]);
  });

  it("keeps keys apart per webhook", () => {
    const items = [accept({ key: "k" }), accept({ key: "k", webhookId: "wh_2" })];
    expect(planIngestBatch({ items, earlier: [] }).outcomes.map((outcome) => outcome?.kind)).toEqual([
      "accepted",
      "accepted",
    ]);
  });

  it.each<[string, EarlierDelivery, string]>([
    [
      "a stored key within the window, same body",
      stored({ matched: "key", idempotencyKey: "k", body: "{}" }),
      "duplicate",
    ],
    [
      "a stored key within the window, another body",
      stored({ matched: "key", idempotencyKey: "k", body: '{"other":1}' }),
      "idempotency_key_reused",
    ],
    ["a stored hash within the window", stored({ matched: "hash", replayHash: "h" }), "duplicate"],
    [
      "a stored key past the window",
      stored({ matched: "key", idempotencyKey: "k", body: "{}", receivedAt: ago(WINDOW) }),
      "accepted",
    ],
    [
      "a stored hash past the window",
      stored({ matched: "hash", replayHash: "h", receivedAt: ago(WINDOW) }),
      "accepted",
    ],
  ])("%s -> %s", (_, earlier, kind) => {
    const plan = planIngestBatch({ items: [accept({ key: "k", hash: "h" })], earlier: [earlier] });
    expect(plan.outcomes[0]?.kind).toBe(kind);
    if (kind === "duplicate") {
      expect(plan.outcomes[0]).toEqual({
        kind,
        deliveryId: "dlv_old",
        executionId: "run_old",
        executionStatus: "succeeded",
      });
      expect(plan.duplicateCounts).toEqual(new Map([["dlv_old", 1]]));
    }
    if (kind === "accepted") {
      const released = earlier.matched === "key" ? plan.releasedKeys : plan.releasedHashes;
      expect(released).toEqual([{ id: "dlv_old", value: earlier.matched === "key" ? "k" : "h" }]);
      expect(plan.deliveries[0]).toMatchObject({ idempotencyKey: "k", replayHash: "h" });
    }
    if (kind !== "accepted") expect(plan.deliveries).toEqual([]);
  });

  it("answers a stored delivery whose run is gone with an empty id and an unknown status", () => {
    const earlier = [stored({ matched: "hash", replayHash: "h", executionId: null, executionStatus: null })];
    const plan = planIngestBatch({ items: [accept({ hash: "h" }), accept({ hash: "h" })], earlier });
    const answer = { kind: "duplicate", deliveryId: "dlv_old", executionId: "", executionStatus: "unknown" };
    expect(plan.outcomes).toEqual([answer, answer]);
    expect(plan.duplicateCounts).toEqual(new Map([["dlv_old", 2]]));
  });

  it("releases a key held past the window once; the batch's new holder answers the repeats", () => {
    const earlier = [stored({ matched: "key", idempotencyKey: "k", body: "{}", receivedAt: ago(WINDOW + 1) })];
    const items = [accept({ key: "k" }), accept({ key: "k" })];
    const plan = planIngestBatch({ items, earlier });
    expect(plan.outcomes.map((outcome) => outcome?.kind)).toEqual(["accepted", "duplicate"]);
    expect(plan.releasedKeys).toEqual([{ id: "dlv_old", value: "k" }]);
    expect(plan.outcomes[1]).toMatchObject({ deliveryId: idOf(items[0]) });
  });

  it("stores rejections in order with the accepts and trims each of their webhooks once", () => {
    const items = [reject(), accept(), reject(), reject("wh_2")];
    const plan = planIngestBatch({ items, earlier: [] });
    expect(plan.outcomes.map((outcome) => outcome?.kind ?? null)).toEqual([null, "accepted", null, null]);
    expect(plan.deliveries.map((row) => [row.id, row.outcome])).toEqual(
      items.map((item) => [idOf(item), item.kind === "accept" ? "accepted" : "rejected"]),
    );
    expect(plan.deliveries[0]).toMatchObject({
      verifiedWith: null,
      idempotencyKey: null,
      errorCode: "signature_mismatch",
    });
    expect(plan.trims).toEqual(
      new Map([
        ["wh_1", 200],
        ["wh_2", 200],
      ]),
    );
  });
});

describe("lookupsOf", () => {
  it("lists each (webhook, key) and (webhook, hash) of the accepts once", () => {
    const items = [
      accept({ key: "k", hash: "h" }),
      accept({ key: "k", hash: "h" }),
      accept({ key: "k", webhookId: "wh_2" }),
      accept(),
      reject(),
    ];
    expect(lookupsOf(items)).toEqual({
      keys: [
        { webhookId: "wh_1", value: "k" },
        { webhookId: "wh_2", value: "k" },
      ],
      hashes: [{ webhookId: "wh_1", value: "h" }],
    });
  });
});
