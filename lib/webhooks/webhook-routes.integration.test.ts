// The Triggers tab's API as the browser calls it: the real management route handlers under
// app/api/agents/[agentId]/webhooks/** with real Requests, on a fresh database per provider.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { describe, expect, it } from "vitest";

import { maskHeaderValue } from "@/lib/deliveries/mask-headers";
import { findWorkflowTemplate } from "@/lib/workflows/templates";
import { providers } from "@/test/databases";
import { useIngestServer } from "@/test/ingest-server";
import { baseUrl, sign, useWebhookApp, webhookRequest } from "@/test/webhook-app";

const params = <P extends Record<string, string>>(values: P) => ({ params: Promise.resolve(values) });

function jsonRequest(method: string, body: unknown, origin = baseUrl): Request {
  return new Request(`${origin}/api/anything`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
const getRequest = (path = "/api/anything", origin = baseUrl) => new Request(`${origin}${path}`);
const deleteRequest = () => new Request(`${baseUrl}/api/anything`, { method: "DELETE" });

async function json(response: Response) {
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe.each(providers)("webhook management routes on %s", (provider) => {
  const harness = useWebhookApp(provider);

  async function agentWithWorkflow(name = "Agent") {
    const { app, direct: db } = harness;
    const agent = await app.agents.createAgent({ db, input: { name } });
    const workflow = await app.workflows.createWorkflow({ db, agentId: agent.id, input: { name: "Flow" } });
    return { agent, workflow };
  }

  async function createViaApi(agentId: string, body: unknown) {
    return json(await harness.app.webhooksRoute.POST(jsonRequest("POST", body), params({ agentId })));
  }

  async function webhookWithKeyViaApi(name = "OCR results") {
    const { agent, workflow } = await agentWithWorkflow();
    const created = await createViaApi(agent.id, { name, workflowId: workflow.id });
    expect(created.status).toBe(201);
    const webhookId = created.body.webhook.id as string;
    const key = await json(
      await harness.app.keyRoute.POST(jsonRequest("POST", {}), params({ agentId: agent.id, webhookId })),
    );
    expect(key.status).toBe(201);
    return { agent, workflow, webhookId, privateKey: key.body.keyFile.privateKey as string };
  }

  describe("create, list, read, edit", () => {
    it("creates a webhook without a key (201) and lists it", async () => {
      const { agent, workflow } = await agentWithWorkflow();
      const created = await createViaApi(agent.id, { name: " OCR results ", workflowId: workflow.id });
      expect(created.status).toBe(201);
      const { webhook } = created.body;
      expect(webhook).toMatchObject({
        id: expect.stringMatching(/^wh_/),
        agentId: agent.id,
        name: "OCR results",
        enabled: true,
        workflow: { id: workflow.id, name: "Flow" },
        endpoint: `${baseUrl}/api/webhooks/${webhook.id}`,
        hasKey: false,
        keyCreatedAt: null,
        previousKeyExpiresAt: null,
      });
      expect(JSON.stringify(webhook)).not.toMatch(/ciphertext|privateKey/i);

      const second = (await createViaApi(agent.id, { name: "CRM", workflowId: workflow.id })).body.webhook;
      const other = await agentWithWorkflow("Other");
      await createViaApi(other.agent.id, { name: "not mine", workflowId: other.workflow.id });
      const listed = await json(await harness.app.webhooksRoute.GET(getRequest(), params({ agentId: agent.id })));
      expect(listed.status).toBe(200);
      expect(listed.body.webhooks.map((row: { id: string }) => row.id).sort()).toEqual([webhook.id, second.id].sort());
      expect(listed.body.webhooks.find((row: { id: string }) => row.id === webhook.id)).toEqual(webhook);
    });

    it.each<[string, (ids: { workflowId: string; otherWorkflowId: string }) => unknown, string]>([
      ["another agent's workflow", ({ otherWorkflowId }) => ({ name: "x", workflowId: otherWorkflowId }), "workflowId"],
      ["an unknown workflow", () => ({ name: "x", workflowId: "wf_unknown" }), "workflowId"],
      ["no workflow", () => ({ name: "x" }), "workflowId"],
      ["an empty name", ({ workflowId }) => ({ name: "   ", workflowId }), "name"],
      ["a NUL in the name", ({ workflowId }) => ({ name: "a\u0000b", workflowId }), "name"],
      ["a 101-character name", ({ workflowId }) => ({ name: "n".repeat(101), workflowId }), "name"],
      ["an unknown field", ({ workflowId }) => ({ name: "x", workflowId, enabled: false }), "body"],
    ])("answers 400 naming the field for %s", async (_name, bodyOf, field) => {
      const { agent, workflow } = await agentWithWorkflow();
      const other = await agentWithWorkflow("Other");
      const reply = await createViaApi(
        agent.id,
        bodyOf({ workflowId: workflow.id, otherWorkflowId: other.workflow.id }),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: "invalid_input", field });
      expect(await harness.direct.webhook.count()).toBe(0);
    });

    it("answers 404 for an unknown agent", async () => {
      const reply = await createViaApi("ag_unknown", { name: "x", workflowId: "wf" });
      expect(reply.status).toBe(404);
      expect(
        (await json(await harness.app.webhooksRoute.GET(getRequest(), params({ agentId: "ag_unknown" })))).status,
      ).toBe(404);
    });

    it("reads a webhook (200), but answers 404 under another agent's id", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      const other = await agentWithWorkflow("Other");
      const read = await json(
        await harness.app.webhookRoute.GET(getRequest(), params({ agentId: agent.id, webhookId })),
      );
      expect(read.status).toBe(200);
      expect(read.body.webhook).toMatchObject({ id: webhookId, hasKey: true, keyCreatedAt: expect.any(String) });

      const { webhookRoute, keyFileRoute, deliveriesRoute, rotateKeyRoute } = harness.app;
      const foreign = params({ agentId: other.agent.id, webhookId });
      for (const response of [
        await webhookRoute.GET(getRequest(), foreign),
        await webhookRoute.PATCH(jsonRequest("PATCH", { enabled: false }), foreign),
        await webhookRoute.DELETE(deleteRequest(), foreign),
        await keyFileRoute.GET(getRequest(), foreign),
        await rotateKeyRoute.POST(jsonRequest("POST", {}), foreign),
        await deliveriesRoute.GET(getRequest(), foreign),
      ]) {
        expect(response.status).toBe(404);
        expect((await response.json()).error.code).toBe("not_found");
      }
      expect(await harness.direct.webhook.findUniqueOrThrow({ where: { id: webhookId } })).toMatchObject({
        enabled: true,
      });
    });

    it("renames, re-targets and disables a webhook (PATCH)", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      const next = await harness.app.workflows.createWorkflow({
        db: harness.direct,
        agentId: agent.id,
        input: { name: "Next" },
      });
      const own = params({ agentId: agent.id, webhookId });
      const patched = await json(
        await harness.app.webhookRoute.PATCH(
          jsonRequest("PATCH", { name: "Renamed", workflowId: next.id, enabled: false }),
          own,
        ),
      );
      expect(patched.status).toBe(200);
      expect(patched.body.webhook).toMatchObject({
        name: "Renamed",
        enabled: false,
        workflow: { id: next.id, name: "Next" },
        hasKey: true,
      });
      expect(await harness.direct.webhook.findUniqueOrThrow({ where: { id: webhookId } })).toMatchObject({
        name: "Renamed",
        enabled: false,
        workflowId: next.id,
      });

      const other = await agentWithWorkflow("Other");
      for (const [body, field] of [
        [{ workflowId: other.workflow.id }, "workflowId"],
        [{ name: "" }, "name"],
        [{}, "body"],
        [{ enabled: "yes" }, "enabled"],
      ] as const) {
        const reply = await json(await harness.app.webhookRoute.PATCH(jsonRequest("PATCH", body), own));
        expect(reply.status).toBe(400);
        expect(reply.body.error).toMatchObject({ code: "invalid_input", field });
      }
    });
  });

  describe("keys", () => {
    it("generates the first key (201) and refuses a second (409 key_exists)", async () => {
      const { agent, workflow } = await agentWithWorkflow();
      const { webhook } = (await createViaApi(agent.id, { name: "OCR results", workflowId: workflow.id })).body;
      const own = params({ agentId: agent.id, webhookId: webhook.id });

      const first = await json(await harness.app.keyRoute.POST(jsonRequest("POST", {}), own));
      expect(first.status).toBe(201);
      expect(first.headers.get("cache-control")).toBe("no-store");
      expect(first.body.webhook).toMatchObject({ id: webhook.id, hasKey: true });
      expect(first.body.keyFile).toMatchObject({
        webhookId: webhook.id,
        privateKey: expect.stringMatching(/^awk_[\w-]{43}$/),
      });

      const second = await json(await harness.app.keyRoute.POST(jsonRequest("POST", {}), own));
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe("key_exists");
      const keyFile = await json(await harness.app.keyFileRoute.GET(getRequest(), own));
      expect(keyFile.body.privateKey).toBe(first.body.keyFile.privateKey);
    });

    it("creates one key when Generate is clicked twice at once", async () => {
      const { agent, workflow } = await agentWithWorkflow();
      const { webhook } = (await createViaApi(agent.id, { name: "OCR", workflowId: workflow.id })).body;
      const own = params({ agentId: agent.id, webhookId: webhook.id });
      const replies = await Promise.all([1, 2, 3].map(() => harness.app.keyRoute.POST(jsonRequest("POST", {}), own)));
      expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409]);
    });

    it("downloads the key file as an attachment whose key verifies a request through the endpoint", async () => {
      const { agent, webhookId, privateKey } = await webhookWithKeyViaApi("OCR results (prod)");
      const response = await harness.app.keyFileRoute.GET(getRequest(), params({ agentId: agent.id, webhookId }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(
        'attachment; filename="ocr-results-prod-private-key.json"',
      );
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const keyFile = await response.json();
      const row = await harness.direct.webhook.findUniqueOrThrow({ where: { id: webhookId } });
      expect(keyFile).toEqual({
        webhookId,
        name: "OCR results (prod)",
        endpoint: `${baseUrl}/api/webhooks/${webhookId}`,
        privateKey,
        scheme: "x-signature",
        algorithm: "HMAC-SHA256",
        signatureHeader: "x-signature",
        signatureEncoding: "hex",
        createdAt: row.keyCreatedAt!.toISOString(),
      });
      expect(keyFile.endpoint.endsWith(`/api/webhooks/${webhookId}`)).toBe(true);

      // Exactly what an integrator does with the file.
      const body = JSON.stringify({ event: "document.ready", pages: 3 });
      const request = new Request(keyFile.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", [keyFile.signatureHeader]: sign(keyFile.privateKey, body) },
        body,
      });
      const reply = await harness.post(request);
      expect(reply.status).toBe(202);
      expect(reply.body.status).toBe("queued");
    });

    it("answers 409 no_key for the key file and a rotation before a key exists", async () => {
      const { agent, workflow } = await agentWithWorkflow();
      const { webhook } = (await createViaApi(agent.id, { name: "OCR", workflowId: workflow.id })).body;
      const own = params({ agentId: agent.id, webhookId: webhook.id });
      for (const response of [
        await harness.app.keyFileRoute.GET(getRequest(), own),
        await harness.app.rotateKeyRoute.POST(jsonRequest("POST", {}), own),
      ]) {
        expect(response.status).toBe(409);
        expect((await response.json()).error.code).toBe("no_key");
      }
    });

    it.each<[string, unknown, string]>([
      ["a negative grace period", { graceHours: -1 }, "graceHours"],
      ["more than 30 days", { graceHours: 1000 }, "graceHours"],
      ["a string", { graceHours: "24" }, "graceHours"],
      ["an unknown field", { graceDays: 1 }, "body"],
    ])("refuses to rotate with %s (400), keeping the key", async (_name, body, field) => {
      const { agent, webhookId, privateKey } = await webhookWithKeyViaApi();
      const reply = await json(
        await harness.app.rotateKeyRoute.POST(jsonRequest("POST", body), params({ agentId: agent.id, webhookId })),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: "invalid_input", field });
      const keyFile = await json(
        await harness.app.keyFileRoute.GET(getRequest(), params({ agentId: agent.id, webhookId })),
      );
      expect(keyFile.body.privateKey).toBe(privateKey);
    });

    it("rotates (200) with the default 24 h grace period: new key file, previous key expiry shown", async () => {
      const { agent, webhookId, privateKey } = await webhookWithKeyViaApi();
      const before = Date.now();
      const reply = await json(
        await harness.app.rotateKeyRoute.POST(jsonRequest("POST", {}), params({ agentId: agent.id, webhookId })),
      );
      expect(reply.status).toBe(200);
      expect(reply.headers.get("cache-control")).toBe("no-store");
      const { webhook, keyFile } = reply.body;
      expect(keyFile.privateKey).toMatch(/^awk_/);
      expect(keyFile.privateKey).not.toBe(privateKey);
      const expiry = Date.parse(webhook.previousKeyExpiresAt);
      expect(expiry).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
      expect(expiry).toBeLessThan(Date.now() + 24 * 3_600_000 + 1000);
      const downloaded = await json(
        await harness.app.keyFileRoute.GET(getRequest(), params({ agentId: agent.id, webhookId })),
      );
      expect(downloaded.body.privateKey).toBe(keyFile.privateKey);

      const zero = await json(
        await harness.app.rotateKeyRoute.POST(
          jsonRequest("POST", { graceHours: 0 }),
          params({ agentId: agent.id, webhookId }),
        ),
      );
      expect(zero.body.webhook.previousKeyExpiresAt).toBeNull();
    });
  });

  describe("deliveries", () => {
    async function sendFive() {
      const fixture = await webhookWithKeyViaApi();
      const sent: { id: string; outcome: "accepted" | "rejected" }[] = [];
      for (let i = 0; i < 5; i++) {
        const body = JSON.stringify({ i });
        const accepted = i % 2 === 0;
        const request = webhookRequest({
          webhookId: fixture.webhookId,
          body,
          privateKey: accepted ? fixture.privateKey : "awk_wrong",
        });
        const reply = await harness.post(request);
        expect(reply.status).toBe(accepted ? 202 : 401);
        const id = accepted
          ? (reply.body.deliveryId as string)
          : (await harness.direct.delivery.findFirstOrThrow({ where: { webhookId: fixture.webhookId, body } })).id;
        sent.push({ id, outcome: accepted ? "accepted" : "rejected" });
        // Ids order to the millisecond.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return { ...fixture, sent };
    }

    const listUrl = (query: string) => getRequest(`/api/deliveries?${query}`);

    it("lists newest first, filters by outcome, and pages with a cursor through every delivery exactly once", async () => {
      const { agent, webhookId, sent } = await sendFive();
      const own = params({ agentId: agent.id, webhookId });
      const newestFirst = sent.map((delivery) => delivery.id).reverse();

      const all = await json(await harness.app.deliveriesRoute.GET(listUrl(""), own));
      expect(all.status).toBe(200);
      expect(all.body.deliveries.map((row: { id: string }) => row.id)).toEqual(newestFirst);
      expect(all.body.nextCursor).toBeNull();
      const receivedAt = all.body.deliveries.map((row: { receivedAt: string }) => Date.parse(row.receivedAt));
      expect(receivedAt).toEqual([...receivedAt].sort((a, b) => b - a));
      expect(Date.now() - receivedAt[4]).toBeLessThan(60_000);
      expect(all.body.deliveries[0]).toMatchObject({
        outcome: "accepted",
        httpStatus: 202,
        verifiedWith: "current",
        execution: { status: "queued" },
      });
      expect(all.body.deliveries[1]).toMatchObject({
        outcome: "rejected",
        httpStatus: 401,
        errorCode: "signature_mismatch",
        execution: null,
      });

      for (const outcome of ["accepted", "rejected"] as const) {
        const filtered = await json(await harness.app.deliveriesRoute.GET(listUrl(`outcome=${outcome}`), own));
        const expected = sent
          .filter((delivery) => delivery.outcome === outcome)
          .map((delivery) => delivery.id)
          .reverse();
        expect(filtered.body.deliveries.map((row: { id: string }) => row.id)).toEqual(expected);
      }

      const seen: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await json(
          await harness.app.deliveriesRoute.GET(listUrl(`limit=2${cursor ? `&cursor=${cursor}` : ""}`), own),
        );
        expect(page.status).toBe(200);
        pageSizes.push(page.body.deliveries.length);
        seen.push(...page.body.deliveries.map((row: { id: string }) => row.id));
        cursor = page.body.nextCursor;
      } while (cursor && pageSizes.length < 10);
      expect(pageSizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(newestFirst);
    });

    it.each(["limit=0", "limit=101", "limit=abc", "outcome=maybe", "cursor=a%20b", "sort=asc"])(
      "answers 400 for ?%s",
      async (query) => {
        const { agent, webhookId } = await webhookWithKeyViaApi();
        const reply = await json(
          await harness.app.deliveriesRoute.GET(listUrl(query), params({ agentId: agent.id, webhookId })),
        );
        expect(reply.status).toBe(400);
        expect(reply.body.error.code).toBe("invalid_input");
      },
    );

    it("shows one delivery with masked headers and its body; 404 under another webhook", async () => {
      const { agent, webhookId, privateKey } = await webhookWithKeyViaApi();
      const body = JSON.stringify({ event: "invoice.paid", amount: 5 });
      const signature = sign(privateKey, body);
      const reply = await harness.post(
        webhookRequest({
          webhookId,
          body,
          signature,
          headers: { "user-agent": "ocr-service/2.1", cookie: "session=abcdefghijklmnop" },
        }),
      );
      const deliveryId = reply.body.deliveryId as string;

      const detail = await json(
        await harness.app.deliveryRoute.GET(getRequest(), params({ agentId: agent.id, webhookId, deliveryId })),
      );
      expect(detail.status).toBe(200);
      const { delivery } = detail.body;
      expect(delivery).toMatchObject({
        id: deliveryId,
        webhookId,
        outcome: "accepted",
        body,
        bodyBytes: body.length,
        bodyTruncated: false,
        signedForm: "raw",
        verifiedWith: "current",
        execution: { id: reply.body.executionId, status: "queued" },
      });
      expect(delivery.headers["x-signature"]).toBe(maskHeaderValue("x-signature", signature));
      expect(delivery.headers["x-signature"]).not.toContain(signature.slice(8));
      expect(delivery.headers.cookie).not.toContain("abcdefghijklmnop");
      expect(delivery.headers["user-agent"]).toBe("ocr-service/2.1");
      expect(delivery.headers["content-type"]).toBe("application/json");

      const other = await webhookWithKeyViaApi("Other");
      for (const ids of [
        { agentId: other.agent.id, webhookId: other.webhookId, deliveryId },
        { agentId: agent.id, webhookId, deliveryId: "dlv_unknown" },
      ]) {
        const missing = await json(await harness.app.deliveryRoute.GET(getRequest(), params(ids)));
        expect(missing.status).toBe(404);
      }
    });
  });

  describe("deleting", () => {
    it("refuses to delete a workflow a webhook runs (409 workflow_in_use) until the webhook is gone", async () => {
      const { agent, workflow, webhookId, privateKey } = await webhookWithKeyViaApi("Fraud alerts");
      const accepted = await harness.post(webhookRequest({ webhookId, body: "{}", privateKey }));
      expect(accepted.status).toBe(202);

      const refused = await json(
        await harness.app.workflowRoute.DELETE(deleteRequest(), params({ workflowId: workflow.id })),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("workflow_in_use");
      expect(refused.body.error.message).toContain('"Fraud alerts"');
      expect(await harness.direct.workflow.count({ where: { id: workflow.id } })).toBe(1);

      const deleted = await harness.app.webhookRoute.DELETE(deleteRequest(), params({ agentId: agent.id, webhookId }));
      expect(deleted.status).toBe(204);
      expect(await harness.direct.delivery.count({ where: { webhookId } })).toBe(0);
      // The run it queued stays, without the link to the deleted webhook and delivery.
      expect(
        await harness.direct.execution.findUniqueOrThrow({ where: { id: accepted.body.executionId as string } }),
      ).toMatchObject({ webhookId: null, deliveryId: null });
      // Its endpoint is gone at once, not after the cache expires.
      const gone = await harness.post(webhookRequest({ webhookId, body: "{}", privateKey }));
      expect(gone.status).toBe(404);

      expect(
        (await harness.app.workflowRoute.DELETE(deleteRequest(), params({ workflowId: workflow.id }))).status,
      ).toBe(204);
    });

    it("deleting the agent removes its webhooks, deliveries and executions, and its endpoints answer 404 at once", async () => {
      const { agent, webhookId, privateKey } = await webhookWithKeyViaApi();
      const keep = await webhookWithKeyViaApi("Other agent's");
      for (const fixture of [{ webhookId, privateKey }, keep]) {
        expect((await harness.post(webhookRequest({ ...fixture, body: "{}" }))).status).toBe(202);
        expect(
          (
            await harness.post(
              webhookRequest({ webhookId: fixture.webhookId, body: "{}", signature: sign("awk_wrong", "{}") }),
            )
          ).status,
        ).toBe(401);
      }

      const deleted = await harness.app.agentRoute.DELETE(deleteRequest(), params({ agentId: agent.id }));
      expect(deleted.status).toBe(204);
      const { direct } = harness;
      expect(await direct.webhook.count({ where: { agentId: agent.id } })).toBe(0);
      expect(await direct.delivery.count({ where: { webhookId } })).toBe(0);
      expect(await direct.execution.count({ where: { agentId: agent.id } })).toBe(0);
      expect(await direct.delivery.count({ where: { webhookId: keep.webhookId } })).toBe(2);

      const reply = await harness.post(webhookRequest({ webhookId, body: "{}", privateKey }));
      expect(reply.status).toBe(404);
      expect(reply.body.error?.code).toBe("webhook_not_found");
    });
  });

  describe("Send Test Event", () => {
    const ingestServer = useIngestServer(() => harness.app);

    it("signs a sample event and delivers it through the endpoint over HTTP (202, stored)", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      const result = await harness.app.webhooks.sendTestEvent({
        db: harness.direct,
        agentId: agent.id,
        webhookId,
        baseUrl: ingestServer.origin,
      });
      expect(result).toMatchObject({ delivered: true, httpStatus: 202, error: null, response: { status: "queued" } });
      const response = result.response as { deliveryId: string; executionId: string };
      const delivery = await harness.direct.delivery.findUniqueOrThrow({
        where: { id: response.deliveryId },
        include: { execution: true },
      });
      expect(delivery).toMatchObject({
        webhookId,
        outcome: "accepted",
        verifiedWith: "current",
        signedForm: "raw",
        sourceIp: null,
      });
      expect(delivery.execution?.id).toBe(response.executionId);
      expect(JSON.parse(delivery.body)).toMatchObject({ event: "workbench.test", webhookId });
      expect(JSON.parse(delivery.headers)["user-agent"]).toBe("AgentWorkbench-TestEvent/1");
    });

    it("sends the template's sample body when the workflow was made from a template", async () => {
      const { app, direct: db } = harness;
      const template = findWorkflowTemplate("crm-client-update")!;
      const agent = await app.agents.createAgent({ db, input: { name: "CRM agent" } });
      const workflow = await app.workflows.createWorkflow({
        db,
        agentId: agent.id,
        input: { name: template.name, definition: template.definition, templateId: template.id },
      });
      expect(workflow.templateId).toBe(template.id);
      const created = await createViaApi(agent.id, { name: "CRM", workflowId: workflow.id });
      const webhookId = created.body.webhook.id as string;
      await app.keyRoute.POST(jsonRequest("POST", {}), params({ agentId: agent.id, webhookId }));

      const result = await app.webhooks.sendTestEvent({
        db,
        agentId: agent.id,
        webhookId,
        baseUrl: ingestServer.origin,
      });
      expect(result).toMatchObject({ delivered: true, httpStatus: 202 });
      const { deliveryId } = result.response as { deliveryId: string };
      const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(JSON.parse(delivery.body)).toEqual(template.sampleBody);
    });

    it("refuses an unknown template id when creating a workflow", async () => {
      const { app, direct: db } = harness;
      const agent = await app.agents.createAgent({ db, input: { name: "Agent" } });
      await expect(
        app.workflows.createWorkflow({
          db,
          agentId: agent.id,
          input: { name: "Flow", templateId: "no-such-template" },
        }),
      ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["templateId"] })] });
    });

    it("goes through the test-event route, using the origin the builder called it on", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      const reply = await json(
        await harness.app.testEventRoute.POST(
          new Request(`${ingestServer.origin}/api/agents/x/webhooks/y/test-event`, { method: "POST" }),
          params({ agentId: agent.id, webhookId }),
        ),
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ delivered: true, httpStatus: 202 });
      expect(await harness.direct.delivery.count({ where: { webhookId, outcome: "accepted" } })).toBe(1);
    });

    it("reports the endpoint's refusal for a disabled webhook (403)", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      await harness.app.webhooks.updateWebhook({
        db: harness.direct,
        agentId: agent.id,
        webhookId,
        input: { enabled: false },
        baseUrl,
      });
      const result = await harness.app.webhooks.sendTestEvent({
        db: harness.direct,
        agentId: agent.id,
        webhookId,
        baseUrl: ingestServer.origin,
      });
      expect(result).toMatchObject({ delivered: false, httpStatus: 403, error: expect.stringContaining("disabled") });
    });

    it("reports an unreachable endpoint without throwing", async () => {
      const { agent, webhookId } = await webhookWithKeyViaApi();
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const result = await harness.app.webhooks.sendTestEvent({
        db: harness.direct,
        agentId: agent.id,
        webhookId,
        baseUrl: `http://127.0.0.1:${port}`,
      });
      expect(result).toMatchObject({
        delivered: false,
        httpStatus: null,
        response: null,
        error: expect.stringContaining(`127.0.0.1:${port}`),
      });
      expect(await harness.direct.delivery.count({ where: { webhookId } })).toBe(0);
    });
  });
});
