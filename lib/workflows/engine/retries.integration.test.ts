// Retries on real databases: a step failing with a retryable error puts the run back in the queue
// after an exponential backoff, until the workflow's attempt limit makes it failed; a retry from
// the UI then resumes it at the failed step, without running the steps that had succeeded again.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine } from "@/test/engine";
import { sendJson } from "@/test/local-server";

describe.each(providers)("retries on %s", (provider) => {
  const harness = useEngine(provider);
  const backoffSeconds = 60;

  async function flakyWorkflow(opts: { maxAttempts: number }) {
    let upstreamStatus = 503;
    const clients = await harness.startServer((_request, response) =>
      sendJson(response, 200, { id: "c-1", balance: 40 }),
    );
    const ledger = await harness.startServer((request, response) =>
      upstreamStatus === 200
        ? sendJson(response, 200, { posted: JSON.parse(request.body) })
        : sendJson(response, upstreamStatus, { error: "ledger is down for maintenance" }),
    );
    const run = await harness.queueTestRun(
      {
        steps: [
          {
            id: "client",
            type: "http_request",
            config: { url: `${clients.origin}/clients/{{ trigger.body.client }}` },
          },
          {
            id: "post",
            type: "http_request",
            config: {
              method: "POST",
              url: `${ledger.origin}/entries`,
              body: { client: "{{ steps.client.body.id }}", amount: "{{ trigger.body.amount }}" },
            },
          },
          {
            id: "balance",
            type: "transform",
            config: { expression: "steps.client.body.balance + steps.post.body.posted.amount" },
          },
        ],
        retry: { maxAttempts: opts.maxAttempts, backoffSeconds },
      },
      { client: "c-1", amount: 2 },
    );
    return {
      ...run,
      clients,
      ledger,
      recover: () => (upstreamStatus = 200),
      setStatus: (status: number) => (upstreamStatus = status),
    };
  }

  const execution = (id: string) => harness.database.db.execution.findUniqueOrThrow({ where: { id } });
  const stepRuns = async (executionId: string) =>
    (
      await harness.database.db.stepRun.findMany({
        where: { executionId },
        orderBy: [{ attempt: "asc" }, { stepIndex: "asc" }],
      })
    ).map((run) => [run.stepId, run.attempt, run.status]);

  it("requeues after a backoff, fails after the last attempt, and a retry resumes at the failed step", async () => {
    const { db } = harness.database;
    const { agentId, executionId, clients, ledger, recover } = await flakyWorkflow({ maxAttempts: 3 });
    const { claimExecutions, retryExecution } = harness.engine;

    // Attempt 1 fails on the ledger: queued again, due in base/2…base (equal jitter), error kept.
    const before1 = Date.now();
    expect(await harness.claimAndRun("worker-a")).toBe("retrying");
    const after1 = await execution(executionId);
    expect(after1).toMatchObject({
      status: "queued",
      attempt: 1,
      maxAttempts: 3,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: null,
    });
    expect(after1.error).toMatch(/^post: POST http:\/\/127\.0\.0\.1:\d+\/entries answered HTTP 503: .*ledger is down/);
    // The failed attempt keeps the request it actually sent (templates rendered), not its config.
    const failedPost = await db.stepRun.findFirstOrThrow({ where: { executionId, stepId: "post", status: "failed" } });
    expect(JSON.parse(failedPost.input ?? "null")).toMatchObject({
      method: "POST",
      url: `${ledger.origin}/entries`,
      body: JSON.stringify({ client: "c-1", amount: 2 }),
    });
    expect(after1.runAt.getTime()).toBeGreaterThanOrEqual(before1 + (backoffSeconds * 1000) / 2);
    expect(after1.runAt.getTime()).toBeLessThanOrEqual(Date.now() + backoffSeconds * 1000);

    // Not due yet: nothing to claim.
    expect(await claimExecutions({ db, provider, workerId: "worker-b", limit: 10, leaseMs: 30_000 })).toEqual([]);

    // Attempt 2, once due: fails again and waits twice as long.
    await harness.makeDue(executionId);
    const before2 = Date.now();
    expect(await harness.claimAndRun("worker-b")).toBe("retrying");
    const after2 = await execution(executionId);
    expect(after2).toMatchObject({ status: "queued", attempt: 2 });
    expect(after2.runAt.getTime()).toBeGreaterThanOrEqual(before2 + backoffSeconds * 1000);
    expect(after2.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 2 * backoffSeconds * 1000);

    // Attempt 3 is the last: the run is failed, not queued again.
    await harness.makeDue(executionId);
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    const failed = await execution(executionId);
    expect(failed).toMatchObject({ status: "failed", attempt: 3, leaseOwner: null });
    expect(failed.error).toMatch(/^post: .*503/);
    expect(failed.finishedAt).not.toBeNull();
    expect(
      await claimExecutions({
        db,
        provider,
        workerId: "worker-b",
        limit: 10,
        leaseMs: 30_000,
        now: new Date(Date.now() + 3_600_000),
      }),
    ).toEqual([]);

    // The first step ran once; only the failing one was tried again.
    expect(clients.received).toHaveLength(1);
    expect(ledger.received).toHaveLength(3);
    expect(await stepRuns(executionId)).toEqual([
      ["client", 1, "succeeded"],
      ["post", 1, "failed"],
      ["post", 2, "failed"],
      ["post", 3, "failed"],
    ]);

    // Retry from the UI, the ledger back up: the full policy again (3 attempts from here), resuming at "post".
    recover();
    const retried = await retryExecution({ db, agentId, executionId });
    expect(retried).toMatchObject({
      status: "queued",
      attempt: 3,
      attemptBase: 3,
      maxAttempts: 6,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(new Date(retried.runAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(await harness.claimAndRun("worker-b")).toBe("succeeded");

    expect(await execution(executionId)).toMatchObject({ status: "succeeded", attempt: 4, error: null });
    expect(clients.received).toHaveLength(1);
    expect(ledger.received).toHaveLength(4);
    expect(JSON.parse(ledger.received[3].body)).toEqual({ client: "c-1", amount: 2 });
    expect(await stepRuns(executionId)).toEqual([
      ["client", 1, "succeeded"],
      ["post", 1, "failed"],
      ["post", 2, "failed"],
      ["post", 3, "failed"],
      ["post", 4, "succeeded"],
      ["balance", 4, "succeeded"],
    ]);
    // The resumed run read the first step's stored output.
    const balance = await db.stepRun.findFirstOrThrow({ where: { executionId, stepId: "balance" } });
    expect(JSON.parse(balance.output!)).toBe(42);
  });

  it("a manual retry grants the whole policy again, with its backoff and start time counted from the retry", async () => {
    const { db } = harness.database;
    const { agentId, executionId, ledger } = await flakyWorkflow({ maxAttempts: 2 });
    const { retryExecution } = harness.engine;
    expect(await harness.claimAndRun("worker-a")).toBe("retrying");
    await harness.makeDue(executionId);
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    const firstStart = (await execution(executionId)).startedAt!;

    const clickedAt = new Date();
    await retryExecution({ db, agentId, executionId });
    expect(await execution(executionId)).toMatchObject({
      status: "queued",
      attempt: 2,
      attemptBase: 2,
      maxAttempts: 4,
    });

    // Attempt 1 of 2 after the retry fails: queued again with the first backoff step, not the third.
    const beforeRetry = Date.now();
    expect(await harness.claimAndRun("worker-b")).toBe("retrying");
    const afterRetry = await execution(executionId);
    expect(afterRetry).toMatchObject({ status: "queued", attempt: 3 });
    expect(afterRetry.runAt.getTime()).toBeLessThanOrEqual(Date.now() + backoffSeconds * 1000);
    expect(afterRetry.runAt.getTime()).toBeGreaterThanOrEqual(beforeRetry + (backoffSeconds * 1000) / 2);
    // The duration runs from the attempt after the click, not from the first one.
    expect(afterRetry.startedAt!.getTime()).toBeGreaterThanOrEqual(clickedAt.getTime());
    expect(afterRetry.startedAt!.getTime()).toBeGreaterThan(firstStart.getTime());

    // Attempt 2 of 2 after the retry is the last one.
    await harness.makeDue(executionId);
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    expect(await execution(executionId)).toMatchObject({
      status: "failed",
      attempt: 4,
      attemptBase: 2,
      maxAttempts: 4,
    });
    expect(ledger.received).toHaveLength(4);
  });

  it("does not retry an answer that cannot change by itself (HTTP 404): the run fails at once", async () => {
    const { executionId, ledger, setStatus } = await flakyWorkflow({ maxAttempts: 3 });
    setStatus(404);
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    expect(await execution(executionId)).toMatchObject({
      status: "failed",
      attempt: 1,
      error: expect.stringMatching(/^post: .*404/),
    });
    expect(ledger.received).toHaveLength(1);
  });

  it("fails after one attempt when the workflow allows only one", async () => {
    const { executionId } = await flakyWorkflow({ maxAttempts: 1 });
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    expect(await execution(executionId)).toMatchObject({ status: "failed", attempt: 1, maxAttempts: 1 });
  });

  it("only retries failed runs", async () => {
    const { db } = harness.database;
    const { agentId, executionId } = await flakyWorkflow({ maxAttempts: 3 });
    const { retryExecution } = harness.engine;
    await expect(retryExecution({ db, agentId, executionId })).rejects.toMatchObject({ code: "not_retryable" });
    expect(await harness.claimAndRun("worker-a")).toBe("retrying");
    await expect(retryExecution({ db, agentId, executionId })).rejects.toMatchObject({ code: "not_retryable" });
    await expect(retryExecution({ db, agentId: "agt_other", executionId })).rejects.toMatchObject({
      code: "not_found",
      message: `Run ${executionId} was not found`,
    });
    expect(await execution(executionId)).toMatchObject({ status: "queued", attempt: 1, maxAttempts: 3 });
  });
});
