// The real server (server.mjs) killed with SIGKILL while it takes concurrent signed webhooks and
// its worker thread runs them (Transform, then a Record Write keyed by the delivery and the
// attempt, so every application of the step leaves its own record): a server started again on
// the same database takes the killed one's runs over once their leases expire, and then every
// delivery answered 202 is stored with its execution, every execution succeeded once, each
// delivery's Record Write took effect exactly once, and nothing was stored for a request that
// was refused or never sent. Needs `npm run build` first.
import { Agent } from "node:http";

import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { waitUntil } from "@/test/engine";
import {
  createSignedWebhook,
  exitOfWorkbenchServer,
  postSigned,
  requireServerBuild,
  serverBuilt,
  signInAsOwner,
  startWorkbenchServer,
  stopWorkbenchServer,
  useServerDatabase,
  type SignedWebhook,
} from "@/test/workbench-server";

requireServerBuild("lib/server/crash-under-load.integration.test.ts");

const SENDERS = 24;
/** The kill comes once this many requests were accepted and the worker has finished some runs. */
const ACCEPTED_BEFORE_KILL = 200;
const FINISHED_BEFORE_KILL = 10;

const definition = {
  steps: [
    {
      id: "shape",
      type: "transform",
      config: { expression: '{ "id": trigger.body.id, "cents": trigger.body.amount * 100 }' },
    },
    {
      id: "store",
      type: "record_write",
      // A second application of this step (by the run's next attempt) would add a second record for the delivery.
      config: {
        collection: "deliveries",
        key: "{{ steps.shape.id }}/{{ execution.attempt }}",
        data: '{ "cents": steps.shape.cents, "execution": execution.id }',
      },
    },
  ],
  retry: { maxAttempts: 3, backoffSeconds: 1 },
};

type Sent = {
  accepted: Map<string, { deliveryId: string; executionId: string }>;
  /** Answered with anything but 202 (e.g. 503 overloaded): nothing may be stored for these. */
  refused: Map<string, number>;
  /** Sent, but the connection ended before an answer (the kill): may or may not be stored. */
  unanswered: Set<string>;
};

/** `SENDERS` loops posting distinct signed events until `stopped()`; resolves when all have stopped. */
async function sendUntil(opts: { origin: string; webhook: SignedWebhook; sent: Sent; stopped: () => boolean }) {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  let next = 0;
  const sender = async () => {
    while (!opts.stopped()) {
      const id = `evt-${next++}`;
      try {
        const reply = await postSigned({ ...opts, agent, body: { id, amount: next, note: "x".repeat(200) } });
        if (reply.status === 202)
          opts.sent.accepted.set(id, {
            deliveryId: reply.body.deliveryId as string,
            executionId: reply.body.executionId as string,
          });
        else opts.sent.refused.set(id, reply.status);
      } catch {
        opts.sent.unanswered.add(id);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: SENDERS }, sender));
  } finally {
    agent.destroy();
  }
}

describe.skipIf(!serverBuilt).each(providers)("server.mjs killed with SIGKILL under load on %s", (provider) => {
  const database = useServerDatabase(provider);

  it("runs every accepted delivery exactly once after a restart, and stores nothing else", async () => {
    const { db } = database;
    const start = () =>
      startWorkbenchServer({
        databaseUrl: database.databaseUrl,
        dataDir: database.dataDir,
        // The killed server's runs come back when their leases expire: keep that short.
        env: { WORKER_LEASE_SECONDS: "5" },
      });
    const doomed = await start();
    const webhook = await createSignedWebhook({ api: await signInAsOwner(doomed.origin), definition });
    const countRuns = (status: string[]) => db.execution.count({ where: { status: { in: status } } });

    const sent: Sent = { accepted: new Map(), refused: new Map(), unanswered: new Set() };
    let killed = false;
    const sending = sendUntil({ origin: doomed.origin, webhook, sent, stopped: () => killed });
    await waitUntil(
      async () =>
        sent.accepted.size >= ACCEPTED_BEFORE_KILL && (await countRuns(["succeeded"])) >= FINISHED_BEFORE_KILL,
      { what: "the server has accepted requests and run some of them", timeoutMs: 60_000, intervalMs: 50 },
    );
    doomed.kill("SIGKILL");
    killed = true;
    await sending;
    expect(await exitOfWorkbenchServer(doomed)).toEqual({ code: null, signal: "SIGKILL" });
    // The database as the kill left it: some runs not finished, or the test proves nothing.
    expect(await countRuns(["queued", "running"]), "runs left unfinished by the kill").toBeGreaterThan(0);

    const rescuer = await start();
    await waitUntil(async () => (await countRuns(["queued", "running"])) === 0, {
      what: "the restarted server has finished every run",
      timeoutMs: 90_000,
      intervalMs: 250,
    });
    expect(await stopWorkbenchServer(rescuer)).toEqual({ code: 0, signal: null });

    const deliveries = await db.delivery.findMany({
      where: { webhookId: webhook.webhookId },
      select: { id: true, outcome: true, body: true, execution: { select: { id: true, status: true } } },
    });
    const storedBy = new Map(deliveries.map((delivery) => [JSON.parse(delivery.body).id as string, delivery]));
    // One delivery per stored request, each one this test sent and did not see refused.
    expect(storedBy.size).toBe(deliveries.length);
    for (const id of storedBy.keys()) expect(sent.accepted.has(id) || sent.unanswered.has(id), id).toBe(true);
    expect(deliveries.every((delivery) => delivery.outcome === "accepted")).toBe(true);
    // Every 202 is stored, as the delivery and execution it named.
    for (const [id, answer] of sent.accepted)
      expect(storedBy.get(id)?.execution, id).toEqual({ id: answer.executionId, status: expect.any(String) });
    const unsucceeded = deliveries.filter((delivery) => delivery.execution?.status !== "succeeded");
    expect(unsucceeded.map((delivery) => [delivery.id, delivery.execution?.status])).toEqual([]);
    expect(await db.execution.count()).toBe(deliveries.length);

    // Each step of each run succeeded once, and no attempt failed.
    const stepRuns = await db.stepRun.groupBy({ by: ["stepId", "status"], _count: { _all: true } });
    expect(stepRuns.map((group) => [group.stepId, group.status, group._count._all]).sort()).toEqual([
      ["shape", "succeeded", deliveries.length],
      ["store", "succeeded", deliveries.length],
    ]);
    // The Record Write's effect: one record per stored delivery, written by that delivery's own run.
    const records = await db.dataRecord.findMany({ where: { agentId: webhook.agentId, collection: "deliveries" } });
    const appliedTo = new Map<string, string[]>();
    for (const record of records) {
      const id = record.key.split("/")[0];
      appliedTo.set(id, [...(appliedTo.get(id) ?? []), record.key]);
      expect(JSON.parse(record.data).execution, record.key).toBe(storedBy.get(id)?.execution?.id);
    }
    const appliedTwice = [...appliedTo.values()].filter((keys) => keys.length > 1);
    expect(appliedTwice, "deliveries whose Record Write took effect more than once").toEqual([]);
    expect([...appliedTo.keys()].sort()).toEqual([...storedBy.keys()].sort());
  }, 180_000);
});
