// The real server (server.mjs) stopped with SIGTERM while its worker thread runs two workflow
// steps (HTTP Requests to a local server that holds its answers): the one answered during the
// grace period finishes, the other is handed back to the queue (queued, attempt not counted,
// not left running); the process exits 0; a server started again on the database completes the
// handed-back run exactly once and leaves the finished one alone. Needs `npm run build` first.
import type { ServerResponse } from "node:http";

import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { waitUntil } from "@/test/engine";
import { sendJson, startLocalServer } from "@/test/local-server";
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
} from "@/test/workbench-server";

requireServerBuild("lib/server/graceful-shutdown.integration.test.ts");

const GRACE_SECONDS = 8;
// A hang detector, not a timing assertion: the HTTP drain (5 s) and the worker thread's own
// deadline (grace + 10 s) bound a graceful stop; the rest is room for a loaded machine.
const EXIT_DEADLINE_MS = (GRACE_SECONDS + 10 + 20) * 1000;

describe.skipIf(!serverBuilt).each(providers)("server.mjs stopped with SIGTERM on %s", (provider) => {
  const database = useServerDatabase(provider);

  it("finishes the step answered within the grace period, hands the other run back, exits 0; a restart completes it once", async () => {
    const { db } = database;
    let holding = true;
    const held = new Map<string, ServerResponse>();
    const remote = await startLocalServer((request, response) => {
      const id = request.path.split("/").at(-1)!;
      if (holding) held.set(id, response);
      else sendJson(response, 200, { id });
    });
    const env = {
      WORKFLOW_HTTP_ALLOW: "127.0.0.1/32",
      WORKER_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      // Long enough that only a hand-back (not an expired lease) can make the run due again in this test.
      WORKER_LEASE_SECONDS: "120",
    };
    const start = () => startWorkbenchServer({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, env });
    try {
      const first = await start();
      const webhook = await createSignedWebhook({
        api: await signInAsOwner(first.origin),
        definition: {
          steps: [
            {
              id: "call",
              type: "http_request",
              config: { method: "POST", url: `${remote.origin}/{{ trigger.body.id }}` },
            },
            { id: "shape", type: "transform", config: { expression: "steps.call.body" } },
          ],
          retry: { maxAttempts: 3, backoffSeconds: 1 },
        },
      });
      const runs: Record<string, string> = {};
      for (const id of ["finishes", "handed-back"]) {
        const reply = await postSigned({ origin: first.origin, webhook, body: { id } });
        expect(reply.status).toBe(202);
        runs[id] = reply.body.executionId as string;
      }
      await waitUntil(() => held.size === 2, {
        what: "both runs' HTTP steps have called the remote",
        timeoutMs: 30_000,
      });

      first.kill("SIGTERM");
      // Answered only once the server is stopping, so this step really finishes during the grace period.
      await waitUntil(() => first.output().includes("SIGTERM: stopping"), { what: "the server is stopping" });
      sendJson(held.get("finishes")!, 200, { id: "finishes" });
      expect(await exitOfWorkbenchServer(first, { timeoutMs: EXIT_DEADLINE_MS })).toEqual({ code: 0, signal: null });

      const execution = (id: string) => db.execution.findUniqueOrThrow({ where: { id: runs[id] } });
      const stepsOf = async (id: string) =>
        (await db.stepRun.findMany({ where: { executionId: runs[id] }, orderBy: { stepIndex: "asc" } })).map((run) => [
          run.stepId,
          run.status,
          run.attempt,
        ]);
      expect(await execution("finishes")).toMatchObject({ status: "succeeded", attempt: 1, leaseOwner: null });
      const handedBack = await execution("handed-back");
      expect(handedBack).toMatchObject({ status: "queued", attempt: 0, leaseOwner: null, leaseExpiresAt: null });
      expect(handedBack.runAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(await stepsOf("handed-back")).toEqual([]);

      holding = false;
      const second = await start();
      await waitUntil(async () => (await execution("handed-back")).status === "succeeded", {
        what: "the restarted server has completed the handed-back run",
        timeoutMs: 30_000,
      });
      expect(await stopWorkbenchServer(second, { timeoutMs: EXIT_DEADLINE_MS })).toEqual({ code: 0, signal: null });

      expect(await execution("handed-back")).toMatchObject({ status: "succeeded", attempt: 1 });
      expect(await execution("finishes")).toMatchObject({ status: "succeeded", attempt: 1 });
      for (const id of ["finishes", "handed-back"])
        expect(await stepsOf(id)).toEqual([
          ["call", "succeeded", 1],
          ["shape", "succeeded", 1],
        ]);
      // The finished run was not run again; the handed-back one reached the remote once per server.
      expect(remote.received.map((request) => request.path).sort()).toEqual([
        "/finishes",
        "/handed-back",
        "/handed-back",
      ]);
      expect(await db.execution.count()).toBe(2);
    } finally {
      await remote.close();
    }
  }, 150_000);
});
