// The run routes as a client sees them, on a fresh database per provider: the executions list
// (filters, cursor pages), one run with its steps and attempts, retry, replay of a delivery, test
// runs, and workflows created and saved with definitions (each save a recorded version).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { allowLocalCalls } from "@/test/engine";
import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";
import { reply, withParams, type Reply } from "@/test/route-reply";
import { baseUrl, useWebhookApp, webhookRequest } from "@/test/webhook-app";

let ledgerStatus = 503;
let ledger: LocalServer;
beforeAll(async () => {
  ledger = await startLocalServer((_request, response) =>
    sendJson(response, ledgerStatus, ledgerStatus === 200 ? { posted: true } : { error: "down" }),
  );
  return () => ledger.close();
});
beforeEach(() => {
  ledgerStatus = 503;
});

/** `session` gives the routes the harness's signed-in builder. */
async function loadRoutes(session: <M extends object>(module: M) => M) {
  return {
    executions: session(await import("@/app/api/agents/[agentId]/executions/route")),
    execution: session(await import("@/app/api/agents/[agentId]/executions/[executionId]/route")),
    retry: session(await import("@/app/api/agents/[agentId]/executions/[executionId]/retry/route")),
    replay: session(
      await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/deliveries/[deliveryId]/replay/route"),
    ),
    testRun: session(await import("@/app/api/workflows/[workflowId]/test-run/route")),
    agentWorkflows: session(await import("@/app/api/agents/[agentId]/workflows/route")),
    claimExecutions: (await import("@/lib/workflows/engine/claim-executions")).claimExecutions,
    runExecution: (await import("@/lib/workflows/engine/run-execution")).runExecution,
  };
}

const get = (path: string) => new Request(`${baseUrl}${path}`);
const post = (path: string, body?: unknown, contentType = "application/json") =>
  new Request(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const patch = (path: string, body: unknown) =>
  new Request(`${baseUrl}${path}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.each(providers)("execution routes on %s", (provider) => {
  const harness = useWebhookApp(provider, { env: allowLocalCalls });
  let routes: Awaited<ReturnType<typeof loadRoutes>>;
  beforeAll(async () => {
    // Loaded after the harness's fresh modules, so they share its database and environment.
    routes = await loadRoutes(harness.signedIn);
  });

  const definition = () => ({
    steps: [
      { id: "amount", type: "transform", name: "Amount in cents", config: { expression: "trigger.body.amount * 100" } },
      {
        id: "post",
        type: "http_request",
        config: { method: "POST", url: `${ledger.origin}/entries`, body: { cents: "{{ steps.amount }}" } },
      },
      { id: "done", type: "transform", config: { expression: "steps.post.body.posted" } },
    ],
    retry: { maxAttempts: 2, backoffSeconds: 1 },
  });

  async function fixture() {
    const { app, direct } = harness;
    const created = await harness.createWebhook();
    await app.workflows.updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db: direct,
      workflowId: created.workflow.id,
      input: { definition: definition() },
    });
    return created;
  }

  const testRun = (workflowId: string, body: unknown) =>
    reply(routes.testRun.POST(post(`/api/workflows/${workflowId}/test-run`, body), withParams({ workflowId })));
  const list = (agentId: string, query = "") =>
    reply(routes.executions.GET(get(`/api/agents/${agentId}/executions${query}`), withParams({ agentId })));
  const getRun = (agentId: string, executionId: string) =>
    reply(routes.execution.GET(get("/"), withParams({ agentId, executionId })));
  const retry = (agentId: string, executionId: string) =>
    reply(routes.retry.POST(post("/"), withParams({ agentId, executionId })));

  /** Claims the due run and runs it, as a worker would. */
  async function runOnce(executionId: string) {
    const db = harness.direct;
    await db.execution.update({ where: { id: executionId }, data: { runAt: new Date(Date.now() - 1_000) } });
    expect(await routes.claimExecutions({ db, provider, workerId: "w", limit: 10, leaseMs: 30_000 })).toEqual([
      executionId,
    ]);
    return routes.runExecution({
      db,
      executionId,
      workerId: "w",
      leaseMs: 30_000,
      shutdownSignal: new AbortController().signal,
    });
  }

  describe("POST /api/workflows/:id/test-run", () => {
    it("queues a test run (201) with the sample body as its trigger", async () => {
      const { workflow } = await fixture();
      const { status, body } = await testRun(workflow.id, { body: { amount: 1.5 }, headers: { "x-sample": "yes" } });
      expect(status).toBe(201);
      expect(body.execution).toMatchObject({
        trigger: "test",
        status: "queued",
        attempt: 0,
        maxAttempts: 2,
        workflowVersion: 2,
        workflow: { id: workflow.id, name: "Flow" },
        webhook: null,
      });
      const row = await harness.direct.execution.findUniqueOrThrow({ where: { id: body.execution.id } });
      expect(JSON.parse(row.input!)).toMatchObject({
        body: { amount: 1.5 },
        headers: { "x-sample": "yes" },
        webhookId: null,
      });
    });

    it.each([
      ["no body field", {}, "body"],
      ["an unknown field", { body: {}, extra: 1 }, "body"],
      ["headers that are not strings", { body: {}, headers: { a: 1 } }, "headers.a"],
    ])("answers 400 for %s", async (_name, input, field) => {
      const { workflow } = await fixture();
      const { status, body } = await testRun(workflow.id, input);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: "invalid_input", field });
      expect(await harness.direct.execution.count()).toBe(0);
    });

    it("answers 404 for an unknown workflow and 415 for a body that is not JSON", async () => {
      expect((await testRun("wf_missing", { body: {} })).status).toBe(404);
      const { workflow } = await fixture();
      const response = await reply(
        routes.testRun.POST(post("/", "x", "text/plain"), withParams({ workflowId: workflow.id })),
      );
      expect(response.status).toBe(415);
    });
  });

  describe("GET /api/agents/:id/executions/:executionId", () => {
    it("shows every step of the run's version in definition order, pending ones included, and the attempts history", async () => {
      const { agent, workflow } = await fixture();
      const { body: queued } = await testRun(workflow.id, { body: { amount: 2 } });
      const executionId = queued.execution.id as string;

      const before = await getRun(agent.id, executionId);
      expect(before.status).toBe(200);
      expect(before.body.execution).toMatchObject({
        status: "queued",
        context: { body: { amount: 2 }, webhookId: null },
        attempts: [],
        stoppedAtStepId: null,
      });
      expect(
        before.body.execution.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status]),
      ).toEqual([
        ["amount", "pending"],
        ["post", "pending"],
        ["done", "pending"],
      ]);

      expect(await runOnce(executionId)).toBe("retrying");
      expect(await runOnce(executionId)).toBe("failed");
      const { status, body } = await getRun(agent.id, executionId);
      expect(status).toBe(200);
      const run = body.execution;
      expect(run).toMatchObject({
        id: executionId,
        status: "failed",
        attempt: 2,
        maxAttempts: 2,
        trigger: "test",
        workflowVersion: 2,
        error: expect.stringMatching(/^post: .*503/),
      });
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      expect(run.steps).toEqual([
        expect.objectContaining({
          stepId: "amount",
          stepIndex: 0,
          stepType: "transform",
          name: "Amount in cents",
          status: "succeeded",
          attempt: 1,
          output: 200,
          error: null,
        }),
        expect.objectContaining({
          stepId: "post",
          stepIndex: 1,
          stepType: "http_request",
          name: null,
          status: "failed",
          attempt: 2,
          output: null,
          error: expect.stringMatching(/503/),
        }),
        // Not run: its configuration stands in for the input.
        {
          stepId: "done",
          stepIndex: 2,
          stepType: "transform",
          name: null,
          status: "pending",
          attempt: null,
          input: { expression: "steps.post.body.posted" },
          output: null,
          error: null,
          startedAt: null,
          finishedAt: null,
          durationMs: null,
        },
      ]);
      expect(run.steps[0].durationMs).toBeGreaterThanOrEqual(0);
      expect(
        run.attempts.map((attempt: { stepId: string; attempt: number; status: string }) => [
          attempt.stepId,
          attempt.attempt,
          attempt.status,
        ]),
      ).toEqual([
        ["amount", 1, "succeeded"],
        ["post", 1, "failed"],
        ["post", 2, "failed"],
      ]);

      // Retry: resumes at "post", so "amount" keeps its single attempt; the 2-attempt policy is granted again.
      ledgerStatus = 200;
      const retried = await retry(agent.id, executionId);
      expect(retried.status).toBe(200);
      expect(retried.body.execution).toMatchObject({
        status: "queued",
        attempt: 2,
        attemptBase: 2,
        maxAttempts: 4,
        error: null,
      });
      expect(await runOnce(executionId)).toBe("succeeded");
      const after = (await getRun(agent.id, executionId)).body.execution;
      expect(
        after.steps.map((step: { stepId: string; status: string; attempt: number }) => [
          step.stepId,
          step.status,
          step.attempt,
        ]),
      ).toEqual([
        ["amount", "succeeded", 1],
        ["post", "succeeded", 3],
        ["done", "succeeded", 3],
      ]);
      expect(after.attempts).toHaveLength(5);
      // A step that succeeded shows the request it actually sent.
      expect(after.steps[1].input).toMatchObject({
        method: "POST",
        url: `${ledger.origin}/entries`,
        body: '{"cents":200}',
      });
    });

    it("answers 404 for an unknown run and for another agent's run", async () => {
      const { agent, workflow } = await fixture();
      const other = await fixture();
      const { body } = await testRun(workflow.id, { body: {} });
      expect((await getRun(agent.id, "run_missing")).status).toBe(404);
      const foreign = await getRun(other.agent.id, body.execution.id);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe("not_found");
    });
  });

  describe("POST /api/agents/:id/executions/:executionId/retry", () => {
    it("answers 409 not_retryable for a run that has not failed, and 404 for another agent's run", async () => {
      const { agent, workflow } = await fixture();
      const other = await fixture();
      const { body } = await testRun(workflow.id, { body: {} });
      const queued = await retry(agent.id, body.execution.id);
      expect(queued.status).toBe(409);
      expect(queued.body.error.code).toBe("not_retryable");
      await harness.direct.execution.update({ where: { id: body.execution.id }, data: { status: "succeeded" } });
      expect((await retry(agent.id, body.execution.id)).body.error.code).toBe("not_retryable");
      expect((await retry(other.agent.id, body.execution.id)).status).toBe(404);
      expect((await retry(agent.id, "run_missing")).status).toBe(404);
      expect(await harness.direct.execution.findUniqueOrThrow({ where: { id: body.execution.id } })).toMatchObject({
        status: "succeeded",
        maxAttempts: 2,
      });
    });
  });

  describe("POST …/deliveries/:deliveryId/replay", () => {
    const replay = (agentId: string, webhookId: string, deliveryId: string) =>
      reply(routes.replay.POST(post("/"), withParams({ agentId, webhookId, deliveryId })));

    it("queues a new run (201) with trigger replay and the delivery's body and headers", async () => {
      const { agent, webhook, workflow, privateKey } = await fixture();
      const sent = await harness.post(
        webhookRequest({
          webhookId: webhook.id,
          body: '{"amount":7}',
          privateKey,
          headers: { "x-request-id": "req-1" },
        }),
      );
      expect(sent.status).toBe(202);

      const { status, body } = await replay(agent.id, webhook.id, sent.body.deliveryId as string);
      expect(status).toBe(201);
      expect(body.execution).toMatchObject({
        trigger: "replay",
        status: "queued",
        replayOfId: sent.body.executionId,
        deliveryId: null,
        webhook: { id: webhook.id },
        workflow: { id: workflow.id },
      });
      expect(body.execution.id).not.toBe(sent.body.executionId);
      const row = await harness.direct.execution.findUniqueOrThrow({ where: { id: body.execution.id } });
      expect(JSON.parse(row.input!)).toMatchObject({
        body: { amount: 7 },
        headers: { "x-request-id": "req-1" },
        webhookId: webhook.id,
      });
      await harness.direct.execution.update({
        where: { id: sent.body.executionId as string },
        data: { status: "succeeded" },
      });
      expect(await runOnce(body.execution.id)).toBe("retrying");
      expect(
        JSON.parse(
          (
            await harness.direct.stepRun.findFirstOrThrow({
              where: { executionId: body.execution.id, stepId: "amount" },
            })
          ).output!,
        ),
      ).toBe(700);
    });

    it("answers 409 not_replayable for a rejected delivery, and 404 for a delivery of another webhook", async () => {
      const { agent, webhook, privateKey } = await fixture();
      const rejected = await harness.post(
        webhookRequest({ webhookId: webhook.id, body: '{"amount":1}', signature: "0".repeat(64) }),
      );
      expect(rejected.status).toBe(401);
      const delivery = await harness.direct.delivery.findFirstOrThrow({
        where: { webhookId: webhook.id, outcome: "rejected" },
      });
      const refused = await replay(agent.id, webhook.id, delivery.id);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("not_replayable");

      const accepted = await harness.post(webhookRequest({ webhookId: webhook.id, body: "{}", privateKey }));
      const other = await fixture();
      expect((await replay(other.agent.id, other.webhook.id, accepted.body.deliveryId as string)).status).toBe(404);
      expect((await replay(other.agent.id, webhook.id, accepted.body.deliveryId as string)).status).toBe(404);
      expect(await harness.direct.execution.count({ where: { trigger: "replay" } })).toBe(0);
    });
  });

  describe("GET /api/agents/:id/executions", () => {
    async function runsOfEveryKind() {
      const { agent, webhook, workflow, privateKey } = await fixture();
      const { app, direct } = harness;
      const second = await app.workflows.createWorkflow({ db: direct, agentId: agent.id, input: { name: "Second" } });
      const ids = { webhook: [] as string[], test: [] as string[], replay: [] as string[], second: [] as string[] };
      for (let i = 0; i < 2; i++) {
        const sent = await harness.post(webhookRequest({ webhookId: webhook.id, body: `{"i":${i}}`, privateKey }));
        ids.webhook.push(sent.body.executionId as string);
        if (i === 0)
          ids.replay.push(
            (
              await reply(
                routes.replay.POST(
                  post("/"),
                  withParams({ agentId: agent.id, webhookId: webhook.id, deliveryId: sent.body.deliveryId as string }),
                ),
              )
            ).body.execution.id,
          );
      }
      for (let i = 0; i < 3; i++) ids.test.push((await testRun(workflow.id, { body: { i } })).body.execution.id);
      ids.second.push((await testRun(second.id, { body: {} })).body.execution.id);
      await direct.execution.update({ where: { id: ids.test[0] }, data: { status: "failed", error: "boom" } });
      // Another agent's runs never show.
      const other = await fixture();
      await testRun(other.workflow.id, { body: {} });
      return { agent, webhook, workflow, second, ids, all: Object.values(ids).flat() };
    }

    const idsOf = (page: Reply) => page.body.executions.map((execution: { id: string }) => execution.id);

    it("lists the agent's runs newest first and filters them by status, trigger, workflow and webhook", async () => {
      const { agent, webhook, second, ids, all } = await runsOfEveryKind();
      const everything = await list(agent.id);
      expect(everything.status).toBe(200);
      expect(idsOf(everything)).toEqual(all.toSorted().reverse());
      expect(everything.body.nextCursor).toBeNull();
      expect(everything.body.executions[0]).toMatchObject({
        agentId: agent.id,
        workflow: { id: expect.any(String), name: expect.any(String) },
      });

      expect(idsOf(await list(agent.id, "?status=failed"))).toEqual([ids.test[0]]);
      expect(idsOf(await list(agent.id, "?trigger=webhook")).toSorted()).toEqual(ids.webhook.toSorted());
      expect(idsOf(await list(agent.id, "?trigger=replay"))).toEqual(ids.replay);
      expect(idsOf(await list(agent.id, `?workflowId=${second.id}`))).toEqual(ids.second);
      expect(idsOf(await list(agent.id, `?webhookId=${webhook.id}`)).toSorted()).toEqual(
        [...ids.webhook, ...ids.replay].toSorted(),
      );
      expect(idsOf(await list(agent.id, "?status=queued&trigger=test")).toSorted()).toEqual(
        [...ids.test.slice(1), ...ids.second].toSorted(),
      );
      expect(idsOf(await list(agent.id, `?status=queued&trigger=test&workflowId=${second.id}`))).toEqual(ids.second);
      expect(idsOf(await list(agent.id, "?status=running"))).toEqual([]);
    });

    it("pages with the cursor it returns until every run was listed once", async () => {
      const { agent, all } = await runsOfEveryKind();
      const seen: string[] = [];
      let query = "?limit=2";
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(10);
        const page = await list(agent.id, query);
        expect(page.status).toBe(200);
        expect(idsOf(page).length).toBeLessThanOrEqual(2);
        seen.push(...idsOf(page));
        if (!page.body.nextCursor) break;
        query = `?limit=2&cursor=${page.body.nextCursor}`;
      }
      expect(seen).toEqual(all.toSorted().reverse());
    });

    it.each([
      ["an unknown status", "?status=done", "status"],
      ["an unknown trigger", "?trigger=cron", "trigger"],
      ["a limit of 0", "?limit=0", "limit"],
      ["a limit over 100", "?limit=101", "limit"],
      ["a limit that is not a number", "?limit=ten", "limit"],
      ["a cursor with odd characters", "?cursor=a'b", "cursor"],
      ["an unknown parameter", "?sort=asc", ""],
    ])("answers 400 for %s", async (_name, query, field) => {
      const { agent } = await fixture();
      const { status, body } = await list(agent.id, query);
      expect(status).toBe(400);
      expect(body.error.code).toBe("invalid_input");
      if (field) expect(body.error.field).toBe(field);
    });

    it("answers 404 for an unknown agent", async () => {
      expect((await list("agt_missing")).status).toBe(404);
    });
  });

  describe("workflows with definitions", () => {
    it("creates a workflow with a definition (201) as version 1 and records every saved definition as the next version", async () => {
      const { direct } = harness;
      const { agent } = await harness.createWebhook();
      const created = await reply(
        routes.agentWorkflows.POST(
          post("/", { name: "From template", definition: definition() }),
          withParams({ agentId: agent.id }),
        ),
      );
      expect(created.status).toBe(201);
      const workflow = created.body.workflow;
      expect(workflow).toMatchObject({ version: 1, definition: { retry: { maxAttempts: 2, backoffSeconds: 1 } } });
      expect(
        workflow.definition.steps.map((step: { id: string; timeoutSeconds: number }) => [step.id, step.timeoutSeconds]),
      ).toEqual([
        ["amount", 30],
        ["post", 30],
        ["done", 30],
      ]);

      const next = { steps: [definition().steps[0]], retry: { maxAttempts: 5, backoffSeconds: 30 } };
      const saved = await reply(
        harness.app.workflowRoute.PATCH(patch("/", { definition: next }), withParams({ workflowId: workflow.id })),
      );
      expect(saved.status).toBe(200);
      expect(saved.body.workflow).toMatchObject({ version: 2, definition: { retry: next.retry } });
      const versions = await direct.workflowVersion.findMany({
        where: { workflowId: workflow.id },
        orderBy: { version: "asc" },
      });
      expect(
        versions.map((row) => [
          row.version,
          JSON.parse(row.definition).steps.length,
          JSON.parse(row.definition).retry.maxAttempts,
        ]),
      ).toEqual([
        [1, 3, 2],
        [2, 1, 5],
      ]);
      // A new test run records the latest version and its retry policy.
      expect((await testRun(workflow.id, { body: {} })).body.execution).toMatchObject({
        workflowVersion: 2,
        maxAttempts: 5,
      });
    });

    it("answers 400 naming the field for an invalid step, and stores nothing", async () => {
      const { agent } = await harness.createWebhook();
      const bad = { steps: [{ id: "post", type: "http_request", config: { method: "POST" } }] };
      const created = await reply(
        routes.agentWorkflows.POST(post("/", { name: "Bad", definition: bad }), withParams({ agentId: agent.id })),
      );
      expect(created.status).toBe(400);
      expect(created.body.error).toMatchObject({ code: "invalid_input", field: "definition.steps.0.config.url" });
      expect(await harness.direct.workflow.count({ where: { name: "Bad" } })).toBe(0);
    });

    it("never records two definitions as one version when two saves race", async () => {
      const { direct } = harness;
      const { workflow } = await harness.createWebhook();
      const definitions = [0, 1, 2].map((n) => ({
        steps: [{ id: `s${n}`, type: "transform", config: { expression: String(n) } }],
      }));
      const replies = await Promise.all(
        definitions.map((definition) =>
          reply(harness.app.workflowRoute.PATCH(patch("/", { definition }), withParams({ workflowId: workflow.id }))),
        ),
      );
      // Each save either lands as its own version or is refused with 409 version_conflict.
      for (const { status, body } of replies) {
        if (status === 409) expect(body.error.code).toBe("version_conflict");
        else expect(status).toBe(200);
      }
      const landed = replies.filter((r) => r.status === 200).map((r) => r.body.workflow);
      const versions = await direct.workflowVersion.findMany({
        where: { workflowId: workflow.id },
        orderBy: { version: "asc" },
      });
      expect(versions.map((row) => row.version)).toEqual([1, ...landed.map((_, index) => index + 2)]);
      for (const saved of landed) {
        expect(JSON.parse(versions.find((row) => row.version === saved.version)!.definition)).toEqual(saved.definition);
      }
      const current = await direct.workflow.findUniqueOrThrow({ where: { id: workflow.id } });
      expect(current.version).toBe(versions.at(-1)!.version);
      expect(current.definition).toBe(versions.at(-1)!.definition);
    });
  });
});
