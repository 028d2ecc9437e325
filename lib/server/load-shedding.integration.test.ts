// The real server (server.mjs) at its in-flight limit: with WEBHOOK_MAX_IN_FLIGHT=1 and one
// request held in flight, the next is refused with 503 overloaded + Retry-After without its body
// ever being sent (so the server cannot have waited for it), and nothing is stored for it; once
// the held request completes, requests are accepted again. Needs `npm run build` first.
import { beforeAll, describe, expect, it } from "vitest";

import { openRawConnection, requestHead } from "@/test/raw-http";
import { sign } from "@/test/webhook-app";
import {
  createSignedWebhook,
  postSigned,
  requireServerBuild,
  serverBuilt,
  signInAsOwner,
  startWorkbenchServer,
  stopWorkbenchServer,
  useServerDatabase,
  type SignedWebhook,
  type WorkbenchServer,
} from "@/test/workbench-server";

requireServerBuild("lib/server/load-shedding.integration.test.ts");

describe.skipIf(!serverBuilt)("load shedding in server.mjs (WEBHOOK_MAX_IN_FLIGHT=1)", () => {
  const database = useServerDatabase("sqlite");
  let server: WorkbenchServer;
  let webhook: SignedWebhook;

  beforeAll(async () => {
    server = await startWorkbenchServer({
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      // Only the in-flight bound is under test: a busy test machine's event-loop lag must not refuse requests too.
      env: { WEBHOOK_MAX_IN_FLIGHT: "1", WEBHOOK_SHED_EVENT_LOOP_DELAY_MS: "10000", WORKBENCH_WORKER: "off" },
    });
    webhook = await createSignedWebhook({
      api: await signInAsOwner(server.origin),
      definition: { steps: [{ id: "shape", type: "transform", config: { expression: "trigger.body" } }] },
    });
  }, 90_000);

  const storedDeliveries = () =>
    database.db.delivery.findMany({ where: { webhookId: webhook.webhookId }, select: { id: true, outcome: true } });

  it("refuses a request past the limit before reading its body, stores nothing for it, and admits again once the held one is answered", async () => {
    const path = `/api/webhooks/${webhook.webhookId}`;
    const heldBody = Buffer.from(JSON.stringify({ event: "held", note: "x".repeat(200) }));
    const held = await openRawConnection(server.origin);
    const refused = await openRawConnection(server.origin);
    try {
      // Node answers 100 Continue in the same turn as it hands the request to the server, whose
      // fast path counts it in synchronously: once the 100 arrives, the one slot is taken.
      held.write(
        requestHead({
          path,
          headers: {
            "content-type": "application/json",
            "content-length": heldBody.byteLength,
            "x-signature": sign(webhook.privateKey, heldBody),
            expect: "100-continue",
          },
        }),
      );
      expect((await held.nextResponse()).status).toBe(100);
      held.write(heldBody.subarray(0, 50));

      // Declares 100,000 bytes and sends none: an answer at all proves the body was not awaited.
      refused.write(
        requestHead({
          path,
          headers: { "content-type": "application/json", "content-length": 100_000, "x-signature": "0".repeat(64) },
        }),
      );
      const overloaded = await refused.nextResponse();
      expect(overloaded.status).toBe(503);
      expect(JSON.parse(overloaded.body).error.code).toBe("overloaded");
      expect(Number(overloaded.headers["retry-after"])).toBeGreaterThan(0);
      expect(await storedDeliveries()).toEqual([]);

      held.write(heldBody.subarray(50));
      const accepted = await held.nextResponse();
      expect(accepted.status).toBe(202);
      const heldDeliveryId = JSON.parse(accepted.body).deliveryId as string;

      const next = await postSigned({ origin: server.origin, webhook, body: { event: "after" } });
      expect(next.status).toBe(202);
      const stored = await storedDeliveries();
      expect(stored.map((delivery) => delivery.id).sort()).toEqual([heldDeliveryId, next.body.deliveryId].sort());
      expect(stored.every((delivery) => delivery.outcome === "accepted")).toBe(true);
    } finally {
      held.close();
      refused.close();
    }
    expect(await stopWorkbenchServer(server)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
