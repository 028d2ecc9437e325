// Scale-out, proven with real processes on one PostgreSQL database: two web instances
// (server.mjs, WORKBENCH_WORKER=off) taking webhooks round-robin as a load balancer would, and one
// separate worker process (`npm run worker`). Every accepted delivery runs exactly once and
// finishes; disabling a webhook through one instance takes effect on the other within the cache
// window; a webhook's rate limit holds for both instances together; an instance stopped with
// SIGTERM deregisters. Needs `npm run build` first.
import { createHmac } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import { CACHE_TTL_MS } from "@/lib/webhooks/ingest/webhook-cache";
import { createEmptyDatabase, skipUnlessAvailable, type EmptyDatabase } from "@/test/databases";
import { startWorkerChild, waitUntil, type WorkerChild } from "@/test/engine";
import { isBuilt, startWebInstance, type WebInstance } from "@/test/web-instance";
import { TEST_MASTER_KEY } from "@/test/webhook-app";

if (!isBuilt && process.env.CI === "true")
  throw new Error("scale-out.integration.test.ts needs a build: run `npm run build`");

const owner = { email: "owner@example.com", password: "owner password 1234" };
const ports = [4200, 4201];
// Short, so the instances find each other quickly, yet long enough that a beat delayed on a loaded
// machine does not drop an instance from the other's count (it counts for 3 intervals).
const heartbeatIntervalMs = 2_000;
/** Past the cache window, what a loaded machine may add before the other instance answers. */
const propagationMarginMs = 2_000;

// Every run writes a record of its own, then a second step: a run executed twice (two workers
// holding it at once) would show up as a second claim (attempt 2) or as a step stored twice.
const markingWorkflow = {
  steps: [
    {
      id: "mark",
      type: "record_write",
      config: { collection: "runs", key: "{{ execution.id }}", data: "{ 'n': trigger.body.n }" },
    },
    { id: "done", type: "transform", config: { expression: "trigger.body.n" } },
  ],
};

type Reply = { status: number; body: Record<string, unknown> & { error?: { code: string } } };

async function call(opts: { origin: string; method: string; path: string; cookie?: string; body?: unknown }) {
  const response = await fetch(`${opts.origin}${opts.path}`, {
    method: opts.method,
    headers: {
      ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

describe.skipIf(!isBuilt)("two web instances and a worker on one PostgreSQL database", () => {
  skipUnlessAvailable("postgresql");
  let database: EmptyDatabase | undefined;
  let direct: Db | undefined;
  let instances: WebInstance[] = [];
  let worker: WorkerChild | undefined;
  let cookie = "";
  let agentId = "";
  let workflowId = "";
  let sent = 0;
  /** Every delivery answered 202 in this file: its run must finish, once. */
  const accepted = new Set<string>();

  async function api(method: string, path: string, body?: unknown, instance = instances[0]) {
    const reply = await call({ origin: instance.origin, method, path, cookie, body });
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** A webhook running the marking workflow, with a key; `settings` as in PATCH (rate limit…). */
  async function createWebhook(settings: Record<string, unknown> = {}) {
    const { webhook } = await api("POST", `/api/agents/${agentId}/webhooks`, {
      name: `Webhook ${accepted.size}-${sent}`,
      workflowId,
      ...settings,
    });
    const { keyFile } = await api("POST", `/api/agents/${agentId}/webhooks/${webhook.id}/key`);
    return { id: webhook.id as string, privateKey: keyFile.privateKey as string };
  }

  /** One signed delivery, with a body no other request had (replay protection stays out of the way). */
  async function deliver(instance: WebInstance, webhook: { id: string; privateKey: string }): Promise<Reply> {
    const body = JSON.stringify({ n: sent++ });
    const response = await fetch(`${instance.origin}/api/webhooks/${webhook.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-signature": createHmac("sha256", webhook.privateKey).update(body).digest("hex"),
      },
      body,
    });
    const reply = { status: response.status, body: await response.json() } as Reply;
    if (reply.status === 202) accepted.add(reply.body.executionId as string);
    return reply;
  }

  /**
   * Sends `perSecond` deliveries a second for `seconds`, request i to instance i % targets, without
   * waiting for answers; then counts the answers. On a loaded machine requests reach the servers
   * later and more spread out than they were sent, so the bounds come from both clocks (see
   * withinLimit): how long the requests were sent for, and how long the instances took accepted
   * ones for (their receivedAt).
   */
  async function flood(opts: {
    webhook: { id: string; privateKey: string };
    targets: WebInstance[];
    perSecond: number;
    seconds: number;
  }) {
    const started = performance.now();
    const replies: Promise<Reply>[] = [];
    for (let i = 0; i < opts.perSecond * opts.seconds; i++) {
      const wait = started + (i * 1000) / opts.perSecond - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      replies.push(deliver(opts.targets[i % opts.targets.length], opts.webhook));
    }
    const sentOverSeconds = (performance.now() - started) / 1000;
    const statuses = (await Promise.all(replies)).map((reply) => reply.status);
    const received = await direct!.delivery.aggregate({
      where: { webhookId: opts.webhook.id, outcome: "accepted" },
      _min: { receivedAt: true },
      _max: { receivedAt: true },
    });
    return {
      sentOverSeconds,
      acceptedOverSeconds: (received._max.receivedAt!.getTime() - received._min.receivedAt!.getTime()) / 1000,
      accepted: statuses.filter((status) => status === 202).length,
      limited: statuses.filter((status) => status === 429).length,
      other: statuses.filter((status) => status !== 202 && status !== 429),
    };
  }

  /**
   * Asserts that `limit` let through what it should, within 10%. At most: a token bucket admits no
   * more than its burst plus its rate over the time it admitted requests. At least: the burst plus
   * the rate over the time requests kept coming, which was at least while they were being sent
   * (the burst covers a few seconds, so an instance that stalls meanwhile loses no tokens).
   */
  function expectWithinLimit(result: Awaited<ReturnType<typeof flood>>, limit: { perSecond: number; burst: number }) {
    const most = limit.perSecond * result.acceptedOverSeconds + limit.burst;
    const least = limit.perSecond * Math.min(result.sentOverSeconds, result.acceptedOverSeconds) + limit.burst;
    const summary = `${result.accepted} accepted; sent over ${result.sentOverSeconds.toFixed(2)} s, accepted over ${result.acceptedOverSeconds} s: between ${least.toFixed(1)} and ${most.toFixed(1)} allowed`;
    expect(result.other, summary).toEqual([]);
    expect(result.accepted, summary).toBeGreaterThanOrEqual(Math.floor(least * 0.9));
    expect(result.accepted, summary).toBeLessThanOrEqual(Math.ceil(most * 1.1));
    expect(result.limited, summary).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    database = await createEmptyDatabase("postgresql");
    direct = createClient(database.target);
    const env = {
      DATABASE_URL: database.databaseUrl,
      WORKBENCH_MASTER_KEY: TEST_MASTER_KEY,
      WORKBENCH_OWNER_EMAIL: owner.email,
      WORKBENCH_OWNER_PASSWORD: owner.password,
      WORKBENCH_WORKER: "off",
      WORKBENCH_HEARTBEAT_INTERVAL_MS: String(heartbeatIntervalMs),
    };
    // Started together, as after a deployment: they migrate and create the owner only once between them.
    instances = await Promise.all(ports.map((port) => startWebInstance({ port, env })));
    worker = await startWorkerChild({
      target: database.target,
      script: "scripts/worker.ts",
      env: { WORKER_CONCURRENCY: "8", WORKER_POLL_INTERVAL_MS: "100" },
    });
    await Promise.all(
      instances.map((instance) =>
        instance.waitForOutput(/: 2 live instance\(s\)/, `instance on ${instance.port} to count both instances`),
      ),
    );

    const signIn = await call({ origin: instances[0].origin, method: "POST", path: "/api/auth/login", body: owner });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.get("set-cookie")!.split(";")[0];
    ({
      agent: { id: agentId },
    } = await api("POST", "/api/agents", { name: "Scale-out" }));
    ({
      workflow: { id: workflowId },
    } = await api("POST", `/api/agents/${agentId}/workflows`, { name: "Mark runs", definition: markingWorkflow }));
  }, 180_000);

  afterAll(async () => {
    const fs = await import("node:fs");
    instances.forEach((instance, i) => fs.writeFileSync(`/tmp/scale-instance-${i}.log`, instance.output()));
    await Promise.all(instances.map((instance) => instance.stop()));
    if (worker) {
      worker.kill("SIGTERM");
      await worker.exited;
    }
    await direct?.$disconnect();
    await database?.drop();
  }, 60_000);

  it("runs every delivery accepted round-robin by both instances exactly once", async () => {
    const webhook = await createWebhook({ rateLimitPerSecond: 10_000, rateLimitBurst: 100_000 });
    const deliveries = 200;
    const ids: string[] = [];
    // Eight in flight at a time, alternating between the instances.
    for (let batch = 0; batch < deliveries; batch += 8) {
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) => deliver(instances[(batch + i) % 2], webhook)),
      );
      for (const reply of replies) {
        expect(reply.status, JSON.stringify(reply.body)).toBe(202);
        ids.push(reply.body.executionId as string);
      }
    }
    expect(new Set(ids).size).toBe(deliveries);

    const db = direct!;
    await waitUntil(
      async () =>
        (await db.execution.count({ where: { webhookId: webhook.id, finishedAt: { not: null } } })) === deliveries,
      { what: "every run has finished", timeoutMs: 120_000, intervalMs: 250 },
    );
    const runs = await db.execution.findMany({
      where: { webhookId: webhook.id },
      select: {
        id: true,
        status: true,
        attempt: true,
        error: true,
        stepRuns: { select: { stepId: true, attempt: true } },
      },
    });
    expect(runs.map((run) => run.id).sort()).toEqual([...ids].sort());
    for (const run of runs) {
      expect(run, `run ${run.id} ${JSON.stringify(run)}`).toMatchObject({ status: "succeeded", attempt: 1 });
      // Each step ran once: a run executed twice would have written its steps twice.
      expect(run.stepRuns.map((step) => step.stepId).sort()).toEqual(["done", "mark"]);
    }
  }, 180_000);

  it("refuses a webhook disabled through one instance on the other within the cache window", async () => {
    const webhook = await createWebhook({ rateLimitPerSecond: 10_000, rateLimitBurst: 100_000 });
    const [first, second] = instances;
    // Both instances have it cached as enabled.
    expect((await deliver(first, webhook)).status).toBe(202);
    expect((await deliver(second, webhook)).status).toBe(202);

    await api("PATCH", `/api/agents/${agentId}/webhooks/${webhook.id}`, { enabled: false }, first);
    const disabledAt = performance.now();
    // The instance that made the change forgets its copy at once.
    expect((await deliver(first, webhook)).body.error?.code).toBe("webhook_disabled");

    let refused: Reply | undefined;
    while (performance.now() - disabledAt < CACHE_TTL_MS + propagationMarginMs) {
      const reply = await deliver(second, webhook);
      if (reply.status !== 202) {
        refused = reply;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refused, `still accepted ${CACHE_TTL_MS + propagationMarginMs} ms after the change`).toMatchObject({
      status: 403,
      body: { error: { code: "webhook_disabled" } },
    });
    for (const instance of instances) expect((await deliver(instance, webhook)).status).toBe(403);
  }, 60_000);

  it("holds a webhook's rate limit across both instances within 10%", async () => {
    const limit = { perSecond: 10, burst: 40 };
    const webhook = await createWebhook({ rateLimitPerSecond: limit.perSecond, rateLimitBurst: limit.burst });
    // Well over the limit, round-robin, as a load balancer spreads one sender's requests.
    const result = await flood({ webhook, targets: instances, perSecond: 25, seconds: 8 });
    expectWithinLimit(result, limit);
  }, 90_000);

  it("gives a sender pinned to one instance only that instance's share (the documented trade-off)", async () => {
    const limit = { perSecond: 10, burst: 40 };
    const webhook = await createWebhook({ rateLimitPerSecond: limit.perSecond, rateLimitBurst: limit.burst });
    const result = await flood({ webhook, targets: [instances[0]], perSecond: 20, seconds: 6 });
    expectWithinLimit(result, { perSecond: limit.perSecond / 2, burst: limit.burst / 2 });
  }, 90_000);

  it("finishes a run, exactly once, for every delivery accepted in this file", async () => {
    const db = direct!;
    const ids = [...accepted];
    await waitUntil(
      async () => (await db.execution.count({ where: { id: { in: ids }, finishedAt: { not: null } } })) === ids.length,
      { what: "every accepted delivery's run has finished", timeoutMs: 120_000, intervalMs: 250 },
    );
    expect(await db.execution.count({ where: { id: { in: ids }, status: "succeeded" } })).toBe(ids.length);
    expect(await db.execution.count()).toBe(ids.length);
    expect(await db.stepRun.count({ where: { executionId: { in: ids } } })).toBe(2 * ids.length);
    const marks = await db.dataRecord.findMany({ where: { collection: "runs" }, select: { key: true } });
    expect(marks.map((mark) => mark.key).sort()).toEqual(ids.sort());
  }, 180_000);

  it("deletes an instance's heartbeat row when it is stopped with SIGTERM; the other then counts only itself", async () => {
    const db = direct!;
    const [staying, leaving] = instances;
    const since = staying.output().length;
    expect(await db.instance.count()).toBe(2);
    expect(await leaving.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(await db.instance.count()).toBe(1);
    await staying.waitForOutput(/: 1 live instance\(s\)/, "the staying instance to count only itself", { since });
  }, 60_000);
});
