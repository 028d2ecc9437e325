// The LLM base-URL rule on both providers: a stored API key is only ever sent to the origin it was
// entered for. Moving the base URL elsewhere without the key is refused, and the LLM step keeps
// sending the key to the old server, never to the new one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { providers, useMigratedDatabase } from "@/test/databases";
import { useFreshModules } from "@/test/fresh-modules";
import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";
import { runContext } from "@/test/run-context";

const completion = { model: "m", choices: [{ message: { role: "assistant", content: "ok" } }] };
let trusted: LocalServer;
let other: LocalServer;

beforeAll(async () => {
  trusted = await startLocalServer((_request, response) => sendJson(response, 200, completion));
  // Same host, another port: another origin, as an attacker's server would be.
  other = await startLocalServer((_request, response) => sendJson(response, 200, completion));
});
afterAll(async () => {
  await trusted.close();
  await other.close();
});

describe.each(providers)("agent LLM settings on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  const fresh = useFreshModules({
    env: { WORKFLOW_HTTP_ALLOW: "127.0.0.1" },
    load: async () => ({
      ...(await import("./agent-settings")),
      ...(await import("@/lib/workflows/steps/llm-prompt")),
      ...(await import("@/lib/workflows/steps/step-schemas")),
      ...(await import("@/lib/errors/domain-error")),
    }),
  });
  beforeEach(async () => {
    await database.reset();
    trusted.received.length = 0;
    other.received.length = 0;
  });

  async function agentWithKey() {
    const { db } = database;
    const agent = await db.agent.create({ data: { name: "Summariser" } });
    await fresh.modules.updateAgentSettings({
      db,
      agentId: agent.id,
      input: { llmBaseUrl: `${trusted.origin}/v1`, llmModel: "m", llmApiKey: "sk-trusted-key" },
    });
    return agent;
  }

  const runLlmStep = (agentId: string) =>
    fresh.modules.llmPromptStep.run({
      config: fresh.modules.llmPromptConfig.parse({ prompt: "Hello" }),
      context: runContext({ agentId }),
      services: { db: database.db, signal: AbortSignal.timeout(10_000) },
    });

  it("refuses a base URL on another origin without the key, changes nothing, and keeps the key at home", async () => {
    const { db } = database;
    const agent = await agentWithKey();
    const before = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    const refused = fresh.modules.updateAgentSettings({
      db,
      agentId: agent.id,
      input: { llmBaseUrl: `${other.origin}/v1`, llmModel: "other-model" },
    });
    await expect(refused).rejects.toBeInstanceOf(fresh.modules.DomainError);
    await expect(refused).rejects.toMatchObject({
      code: "credential_required",
      field: "llmApiKey",
      message: expect.stringContaining("Enter the API key again: the base URL's origin changed"),
    });
    const after = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(after).toEqual(before);

    await runLlmStep(agent.id);
    expect(other.received).toHaveLength(0);
    expect(trusted.received).toHaveLength(1);
    expect(trusted.received[0].headers.authorization).toBe("Bearer sk-trusted-key");
  });

  it("moves to the new origin when the key comes with it, and sends only the new key there", async () => {
    const { db } = database;
    const agent = await agentWithKey();
    const settings = await fresh.modules.updateAgentSettings({
      db,
      agentId: agent.id,
      input: { llmBaseUrl: `${other.origin}/v1`, llmApiKey: "sk-other-key" },
    });
    expect(settings).toMatchObject({ llmBaseUrl: `${other.origin}/v1`, llmApiKeyConfigured: true });
    await runLlmStep(agent.id);
    expect(trusted.received).toHaveLength(0);
    expect(other.received.map((request) => request.headers.authorization)).toEqual(["Bearer sk-other-key"]);
  });

  it("allows a new path on the same origin, a model change and clearing the URL without the key", async () => {
    const { db } = database;
    const agent = await agentWithKey();
    const { updateAgentSettings } = fresh.modules;
    await updateAgentSettings({ db, agentId: agent.id, input: { llmBaseUrl: `${trusted.origin}/v2/` } });
    await updateAgentSettings({ db, agentId: agent.id, input: { llmModel: "bigger" } });
    await runLlmStep(agent.id);
    expect(trusted.received.map((request) => [request.path, request.headers.authorization])).toEqual([
      ["/v2/chat/completions", "Bearer sk-trusted-key"],
    ]);
    const cleared = await updateAgentSettings({ db, agentId: agent.id, input: { llmBaseUrl: null } });
    expect(cleared).toMatchObject({ llmBaseUrl: null, llmApiKeyConfigured: true });
    // A key left stored without a URL is bound to none: any URL set later needs it again.
    await expect(
      updateAgentSettings({ db, agentId: agent.id, input: { llmBaseUrl: `${trusted.origin}/v1` } }),
    ).rejects.toMatchObject({ code: "credential_required", field: "llmApiKey" });
  });

  it("lets the key be removed with the URL change, and sets any URL when no key is stored", async () => {
    const { db } = database;
    const agent = await agentWithKey();
    const { updateAgentSettings } = fresh.modules;
    const moved = await updateAgentSettings({
      db,
      agentId: agent.id,
      input: { llmBaseUrl: `${other.origin}/v1`, llmApiKey: null },
    });
    expect(moved).toMatchObject({ llmBaseUrl: `${other.origin}/v1`, llmApiKeyConfigured: false });
    const again = await updateAgentSettings({ db, agentId: agent.id, input: { llmBaseUrl: `${trusted.origin}/v1` } });
    expect(again.llmBaseUrl).toBe(`${trusted.origin}/v1`);
  });
});
