// Every run-state transition on real databases: what each writes, that each happens only from the
// state it expects (a worker that lost its lease, a second retry, a cancel of a claimed run change
// nothing), and that a cancel racing a claim on separate connections never lets both win.
import { describe, expect, it } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import { getRawSql } from "@/lib/db/raw-sql";
import type { SqlScript } from "@/lib/db/sql-script";
import { createId } from "@/lib/ids";
import { providers, useMigratedDatabase } from "@/test/databases";

import {
  cancelExecution,
  claimDueExecutions,
  executionStatuses,
  extendExecutionLease,
  finishExecution,
  queuedExecutionColumns,
  releaseExecution,
  requeueExecution,
  retryFailedExecution,
} from "./execution-state";

const minute = 60_000;

describe.each(providers)("execution state on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  const run = <T>(script: () => SqlScript<T>, db: Db = database.db) => getRawSql(db).transaction(script);
  const claim = (workerId: string, db: Db = database.db) =>
    claimDueExecutions({ sql: getRawSql(db), workerId, limit: 100, leaseMs: minute });
  const stored = (id: string) => database.db.execution.findUniqueOrThrow({ where: { id } });

  /** A queued webhook run (with its delivery) as a new run is stored; `at` is when it was queued. */
  async function queueRun(opts: { at?: Date; maxAttempts?: number } = {}) {
    const { db } = database;
    const agent = await db.agent.create({ data: { name: "Payments" } });
    const workflow = await db.workflow.create({
      data: {
        agentId: agent.id,
        name: "W",
        version: 1,
        definition: "{}",
        versions: { create: { version: 1, definition: "{}" } },
      },
    });
    const webhook = await db.webhook.create({
      data: { id: createId("wh"), agentId: agent.id, workflowId: workflow.id, name: "Hook" },
    });
    const at = opts.at ?? new Date(Date.now() - 1_000);
    const delivery = await db.delivery.create({
      data: {
        id: createId("dlv"),
        webhookId: webhook.id,
        receivedAt: at,
        outcome: "accepted",
        httpStatus: 202,
        headers: JSON.stringify({ "content-type": "application/json" }),
        body: JSON.stringify({ amount: 5 }),
        bodyBytes: 13,
      },
    });
    const execution = await db.execution.create({
      data: {
        id: createId("run"),
        agentId: agent.id,
        workflowId: workflow.id,
        workflowVersion: 1,
        webhookId: webhook.id,
        deliveryId: delivery.id,
        trigger: "webhook",
        ...queuedExecutionColumns({ now: at, maxAttempts: opts.maxAttempts ?? 3 }),
      },
    });
    return { agent, execution, delivery };
  }

  it("has one list of statuses, and a new run is queued at attempt 0", async () => {
    expect(executionStatuses).toEqual(["queued", "running", "succeeded", "failed", "canceled"]);
    const { execution } = await queueRun({ maxAttempts: 5 });
    expect(execution).toMatchObject({ status: "queued", attempt: 0, attemptBase: 0, maxAttempts: 5 });
    expect(execution.runAt).toEqual(execution.createdAt);
  });

  it("claims a due run with everything running it needs: delivery, agent and earlier results", async () => {
    await database.reset();
    const { agent, execution, delivery } = await queueRun();
    await database.db.stepRun.create({
      data: {
        id: createId("step"),
        executionId: execution.id,
        stepId: "first",
        stepIndex: 0,
        stepType: "transform",
        attempt: 1,
        status: "succeeded",
        output: JSON.stringify({ cents: 500 }),
        startedAt: new Date(),
        finishedAt: new Date(),
        durationMs: 1,
      },
    });
    const [claimed] = await claim("w1");
    expect(claimed).toMatchObject({
      id: execution.id,
      agent: { id: agent.id, name: "Payments" },
      attempt: 1,
      maxAttempts: 3,
      delivery: { body: delivery.body, headers: delivery.headers, webhookId: delivery.webhookId },
    });
    expect(claimed.delivery?.receivedAt).toEqual(delivery.receivedAt);
    expect([...claimed.succeededSteps]).toEqual([["first", JSON.stringify({ cents: 500 })]]);
    expect(await stored(execution.id)).toMatchObject({ status: "running", leaseOwner: "w1", attempt: 1 });
    expect(await claim("w2")).toEqual([]);
  });

  it("extends, finishes, requeues and releases a run only for the worker holding it", async () => {
    await database.reset();
    const { execution } = await queueRun();
    const executionId = execution.id;
    await claim("holder");
    const moves = [
      () => extendExecutionLease({ executionId, workerId: "other", leaseMs: minute }),
      () => finishExecution({ executionId, workerId: "other", status: "succeeded" }),
      () => requeueExecution({ executionId, workerId: "other", attempt: 1, backoffSeconds: 1, error: "x" }),
      () => releaseExecution({ executionId, workerId: "other" }),
    ];
    for (const move of moves) expect(await run(move)).toBe(false);
    expect(await stored(executionId)).toMatchObject({ status: "running", leaseOwner: "holder", attempt: 1 });

    const before = (await stored(executionId)).leaseExpiresAt!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await run(() => extendExecutionLease({ executionId, workerId: "holder", leaseMs: minute }))).toBe(true);
    expect((await stored(executionId)).leaseExpiresAt!.getTime()).toBeGreaterThan(before.getTime());

    const now = new Date();
    expect(
      await run(() =>
        requeueExecution({ executionId, workerId: "holder", attempt: 1, backoffSeconds: 10, error: "s: boom", now }),
      ),
    ).toBe(true);
    const requeued = await stored(executionId);
    expect(requeued).toMatchObject({ status: "queued", leaseOwner: null, leaseExpiresAt: null, error: "s: boom" });
    // Backoff with jitter: between half and all of 10 s for the first retry.
    expect(requeued.runAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(5_000);
    expect(requeued.runAt.getTime() - now.getTime()).toBeLessThanOrEqual(10_000);
    expect(await claim("holder")).toEqual([]);
  });

  it("releases a run back to the queue, due now, its attempt not counted", async () => {
    await database.reset();
    const { execution } = await queueRun();
    await claim("w1");
    expect(await run(() => releaseExecution({ executionId: execution.id, workerId: "w1" }))).toBe(true);
    const released = await stored(execution.id);
    expect(released).toMatchObject({ status: "queued", attempt: 0, leaseOwner: null, leaseExpiresAt: null });
    expect(released.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await claim("w2")).map((claimed) => claimed.attempt)).toEqual([1]);
  });

  it("finishes a run with its outcome, once", async () => {
    await database.reset();
    const { execution } = await queueRun();
    const executionId = execution.id;
    await claim("w1");
    const fail = () => finishExecution({ executionId, workerId: "w1", status: "failed", error: "s: no" });
    expect(await run(fail)).toBe(true);
    expect(await run(fail)).toBe(false);
    const finished = await stored(executionId);
    expect(finished).toMatchObject({ status: "failed", error: "s: no", leaseOwner: null, leaseExpiresAt: null });
    expect(finished.finishedAt).not.toBeNull();
  });

  it("retries a failed run once from the attempt it was read at, with the policy counted anew", async () => {
    await database.reset();
    const { execution } = await queueRun();
    const executionId = execution.id;
    await claim("w1");
    await run(() => finishExecution({ executionId, workerId: "w1", status: "failed", error: "s: no" }));
    const retry = () => retryFailedExecution({ executionId, attempt: 1, policyAttempts: 3 });
    expect(await run(() => retryFailedExecution({ executionId, attempt: 2, policyAttempts: 3 }))).toBe(false);
    expect(await run(retry)).toBe(true);
    expect(await run(retry)).toBe(false);
    expect(await stored(executionId)).toMatchObject({
      status: "queued",
      attempt: 1,
      attemptBase: 1,
      maxAttempts: 4,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
  });

  it("cancels a queued run, due or waiting for its retry, and nothing that runs or has ended", async () => {
    await database.reset();
    const due = await queueRun();
    const waiting = await queueRun({ at: new Date(Date.now() + 10 * minute) });
    const claimed = await queueRun();
    await run(() => cancelExecution({ executionId: due.execution.id }));
    await run(() => cancelExecution({ executionId: waiting.execution.id }));
    expect((await claim("w1")).map((execution) => execution.id)).toEqual([claimed.execution.id]);
    expect(await run(() => cancelExecution({ executionId: claimed.execution.id }))).toBe(false);
    for (const { execution } of [due, waiting]) {
      const canceled = await stored(execution.id);
      expect(canceled.status).toBe("canceled");
      expect(canceled.finishedAt).not.toBeNull();
    }
    expect(await stored(claimed.execution.id)).toMatchObject({ status: "running", leaseOwner: "w1" });
    await run(() => finishExecution({ executionId: claimed.execution.id, workerId: "w1", status: "succeeded" }));
    expect(await run(() => cancelExecution({ executionId: claimed.execution.id }))).toBe(false);
    expect(await run(() => cancelExecution({ executionId: due.execution.id }))).toBe(false);
    // A canceled run is neither claimed nor retried.
    expect(await claim("w2")).toEqual([]);
    expect(
      await run(() => retryFailedExecution({ executionId: due.execution.id, attempt: 0, policyAttempts: 3 })),
    ).toBe(false);
  });

  it("lets a cancel and a claim racing on separate connections never both win", async () => {
    await database.reset();
    const runs = await Promise.all(Array.from({ length: 20 }, () => queueRun()));
    const [claimer, canceler] = [createClient(database.target), createClient(database.target)];
    try {
      const [claimed, canceled] = await Promise.all([
        (async () => {
          const ids: string[] = [];
          for (let round = 0; round < 10; round++)
            ids.push(
              ...(
                await claimDueExecutions({ sql: getRawSql(claimer), workerId: "racer", limit: 2, leaseMs: minute })
              ).map((execution) => execution.id),
            );
          return ids;
        })(),
        (async () => {
          const ids: string[] = [];
          for (const { execution } of runs.toReversed())
            if (await run(() => cancelExecution({ executionId: execution.id }), canceler)) ids.push(execution.id);
          return ids;
        })(),
      ]);
      expect(claimed.filter((id) => canceled.includes(id))).toEqual([]);
      const rows = await database.db.execution.findMany({ select: { id: true, status: true, leaseOwner: true } });
      for (const row of rows) {
        if (claimed.includes(row.id)) expect(row).toMatchObject({ status: "running", leaseOwner: "racer" });
        else if (canceled.includes(row.id)) expect(row).toMatchObject({ status: "canceled", leaseOwner: null });
        else expect(row.status).toBe("queued");
      }
    } finally {
      await Promise.all([claimer.$disconnect(), canceler.$disconnect()]);
    }
  });
});
