// Agent secrets in runs, on both providers: `{{ secrets.NAME }}` sends the real value to a local
// server while everything the run stores (step inputs, outputs, errors, the run page's DTO) shows
// it redacted, and a step that names a missing secret fails permanently before sending anything.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useEngine } from "@/test/engine";
import { sendJson } from "@/test/local-server";

const token = "tok_live_9d8c7b6a5f4e";

describe.each(providers)("secrets in runs on %s", (provider) => {
  const harness = useEngine(provider);

  async function addSecret(agentId: string, name: string, value: string) {
    const { putAgentSecret } = await import("@/lib/secrets/put-agent-secret");
    await putAgentSecret({
      db: harness.database.db,
      agentId,
      name,
      input: { value },
      audit: { actor: { id: null, email: "builder@example.com" }, request: null },
    });
  }

  it("sends the value where the template puts it and stores only [secret:NAME]", async () => {
    // The server echoes what it got, as some APIs do in their errors: the echo must be redacted too.
    const server = await harness.startServer((request, response) =>
      sendJson(response, 200, { sawAuthorization: request.headers.authorization, sawPath: request.path }),
    );
    const { agentId, executionId } = await harness.queueTestRun({
      steps: [
        {
          id: "fetch",
          type: "http_request",
          config: {
            method: "GET",
            url: `${server.origin}/clients?key={{ secrets.CRM_TOKEN }}`,
            headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}", "X-Client": "{{ secrets.CRM_TOKEN }}" },
          },
        },
        // A Transform can read the secrets; what it returns is stored redacted all the same.
        { id: "leak", type: "transform", config: { expression: "{ 'all': secrets, 'one': secrets.CRM_TOKEN }" } },
      ],
    });
    await addSecret(agentId, "CRM_TOKEN", token);
    expect(await harness.claimAndRun("worker-a")).toBe("succeeded");

    expect(server.received).toHaveLength(1);
    expect(server.received[0].headers.authorization).toBe(`Bearer ${token}`);
    expect(server.received[0].headers["x-client"]).toBe(token);
    expect(server.received[0].path).toBe(`/clients?key=${token}`);

    const { db } = harness.database;
    const stepRuns = await db.stepRun.findMany({ where: { executionId }, orderBy: { stepIndex: "asc" } });
    const [fetch, leak] = stepRuns;
    expect(JSON.parse(fetch.input!)).toMatchObject({
      url: `${server.origin}/clients?key=[secret:CRM_TOKEN]`,
      headers: { "x-client": "[secret:CRM_TOKEN]" },
    });
    expect(JSON.parse(fetch.output!).body).toEqual({
      sawAuthorization: "Bearer [secret:CRM_TOKEN]",
      sawPath: "/clients?key=[secret:CRM_TOKEN]",
    });
    expect(JSON.parse(leak.output!)).toEqual({ all: { CRM_TOKEN: "[secret:CRM_TOKEN]" }, one: "[secret:CRM_TOKEN]" });
    const stored = JSON.stringify(await db.stepRun.findMany({ where: { executionId } }));
    expect(stored).not.toContain(token);
    const runPage = await harness.engine.getExecution({ db, agentId, executionId });
    expect(JSON.stringify(runPage)).not.toContain(token);
    expect(JSON.stringify(runPage)).toContain("[secret:CRM_TOKEN]");
  });

  it("redacts a secret from a failed step's error message and the run's error", async () => {
    const { agentId, executionId } = await harness.queueTestRun({
      steps: [{ id: "check", type: "transform", config: { expression: '$error("rejected " & secrets.API_KEY)' } }],
    });
    await addSecret(agentId, "API_KEY", "key-5f6e7d8c");
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    const { db } = harness.database;
    const run = await db.execution.findUniqueOrThrow({ where: { id: executionId }, include: { stepRuns: true } });
    expect(run.error).toContain("rejected [secret:API_KEY]");
    expect(run.stepRuns[0].error).toContain("rejected [secret:API_KEY]");
    expect(JSON.stringify(run)).not.toContain("key-5f6e7d8c");
  });

  it("fails a step that names a missing secret permanently, naming it, before it sends anything", async () => {
    const server = await harness.startServer((_request, response) => sendJson(response, 200, {}));
    const { agentId, executionId } = await harness.queueTestRun({
      steps: [
        { id: "first", type: "transform", config: { expression: "1" } },
        {
          id: "call",
          type: "http_request",
          config: { method: "POST", url: server.origin, headers: { "X-Api-Key": "{{ secrets.MISSING_KEY }}" } },
        },
      ],
    });
    // Another agent's secret of that name does not count.
    const other = await harness.database.db.agent.create({ data: { name: "Other" } });
    await addSecret(other.id, "MISSING_KEY", "not-for-this-agent");
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    const run = await harness.database.db.execution.findUniqueOrThrow({
      where: { id: executionId },
      include: { stepRuns: { orderBy: { stepIndex: "asc" } } },
    });
    expect(run).toMatchObject({ status: "failed", attempt: 1 });
    expect(run.error).toBe(
      "call: The secret MISSING_KEY does not exist for this agent: add it in the agent's Settings tab, or correct the name (UPPER_SNAKE_CASE)",
    );
    expect(run.stepRuns.map((step) => [step.stepId, step.status])).toEqual([
      ["first", "succeeded"],
      ["call", "failed"],
    ]);
    expect(server.received).toHaveLength(0);
    expect(agentId).not.toBe(other.id);
  });

  it("fails a step whose secret's ciphertext was moved to another name: it is bound to its own", async () => {
    const server = await harness.startServer((_request, response) => sendJson(response, 200, {}));
    const { agentId, executionId } = await harness.queueTestRun({
      steps: [
        {
          id: "call",
          type: "http_request",
          config: { method: "GET", url: server.origin, headers: { "X-Api-Key": "{{ secrets.MOVED }}" } },
        },
      ],
    });
    await addSecret(agentId, "ORIGINAL", "value-1a2b3c4d");
    const { db } = harness.database;
    const original = await db.agentSecret.findFirstOrThrow({ where: { agentId, name: "ORIGINAL" } });
    await db.agentSecret.create({
      data: { id: "sec_moved", agentId, name: "MOVED", valueCiphertext: original.valueCiphertext, createdByEmail: "x" },
    });
    expect(await harness.claimAndRun("worker-a")).toBe("failed");
    const run = await db.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(run).toMatchObject({ status: "failed", attempt: 1 });
    expect(run.error).toContain("call: The secret MOVED cannot be decrypted with this server's master key");
    expect(server.received).toHaveLength(0);
  });
});
