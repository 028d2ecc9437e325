// The LLM Prompt step with the provider stored on the agent row (key sealed under the master
// key), against a local server speaking the chat-completions format, on SQLite and PostgreSQL.
import type { ServerResponse } from "node:http";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { providers, useMigratedDatabase } from "@/test/databases";
import { useFreshModules } from "@/test/fresh-modules";
import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";
import { runContext } from "@/test/run-context";

let server: LocalServer;
let reply: (response: ServerResponse) => void;
const completion = (content: string) => ({
  model: "served-model",
  choices: [{ message: { role: "assistant", content } }],
  usage: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
});

beforeAll(async () => {
  server = await startLocalServer((_request, response) => reply(response));
});
afterAll(() => server.close());
beforeEach(() => {
  reply = (response) => sendJson(response, 200, completion("A short summary."));
});

function lastRequest() {
  const request = server.received.at(-1)!;
  return { headers: request.headers, path: request.path, json: JSON.parse(request.body) };
}

describe.each(providers)("llm_prompt on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  const fresh = useFreshModules({
    env: { WORKFLOW_HTTP_ALLOW: "127.0.0.1" },
    load: async () => ({
      ...(await import("./llm-prompt")),
      ...(await import("./step-handler")),
      ...(await import("./step-schemas")),
      ...(await import("@/lib/agents/agent-secrets")),
    }),
  });

  async function createAgent(settings: { baseUrl?: string; model?: string; apiKey?: string } = {}) {
    const { sealAgentLlmKey } = fresh.modules;
    const agent = await database.db.agent.create({
      data: { name: "Summariser", llmBaseUrl: settings.baseUrl ?? null, llmModel: settings.model ?? null },
    });
    if (settings.apiKey) {
      await database.db.agent.update({
        where: { id: agent.id },
        data: { llmApiKeyCiphertext: sealAgentLlmKey({ agentId: agent.id, apiKey: settings.apiKey }) },
      });
    }
    return agent;
  }

  function run(agentId: string, config: unknown, body: unknown = {}) {
    const { llmPromptStep, llmPromptConfig } = fresh.modules;
    return llmPromptStep.run({
      config: llmPromptConfig.parse(config),
      context: runContext({ agentId, body }),
      services: { db: database.db, signal: AbortSignal.timeout(10_000) },
    });
  }

  it("renders the prompts and calls the agent's provider with its model and key", async () => {
    const agent = await createAgent({ baseUrl: `${server.origin}/v1`, model: "llama3.1", apiKey: "sk-agent-key" });
    const result = await run(
      agent.id,
      {
        system: "You summarise documents for {{ agent.name }}.",
        prompt: "Summarise: {{ trigger.body.text }}",
        temperature: 0,
      },
      { text: "Invoice 7 is paid." },
    );
    expect(result.output).toEqual({
      text: "A short summary.",
      model: "served-model",
      usage: { promptTokens: 30, completionTokens: 8, totalTokens: 38 },
    });
    // What the run page shows: the rendered prompts, never the key.
    expect(result.input).toEqual({
      model: "llama3.1",
      system: "You summarise documents for Test agent.",
      prompt: "Summarise: Invoice 7 is paid.",
      temperature: 0,
      json: false,
      baseUrl: `${server.origin}/v1`,
    });
    expect(JSON.stringify(result.input)).not.toContain("sk-agent-key");
    const request = lastRequest();
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-agent-key");
    expect(request.json).toEqual({
      model: "llama3.1",
      messages: [
        { role: "system", content: "You summarise documents for Test agent." },
        { role: "user", content: "Summarise: Invoice 7 is paid." },
      ],
      temperature: 0,
    });
  });

  it("uses the step's model over the agent's, asks for JSON and parses it; no key means no Authorization", async () => {
    const agent = await createAgent({ baseUrl: `${server.origin}/v1`, model: "llama3.1" });
    reply = (response) => sendJson(response, 200, completion('{"risk": "high", "reasons": ["new account"]}'));
    const result = await run(
      agent.id,
      { prompt: "Assess {{ trigger.body }}", json: true, model: "qwen2.5" },
      { amount: 9000 },
    );
    expect(result.output).toMatchObject({
      json: { risk: "high", reasons: ["new account"] },
      text: '{"risk": "high", "reasons": ["new account"]}',
    });
    const request = lastRequest();
    expect(request.json).toMatchObject({
      model: "qwen2.5",
      response_format: { type: "json_object" },
      messages: [{ role: "user", content: 'Assess {"amount":9000}' }],
    });
    expect(request.headers.authorization).toBeUndefined();
  });

  it("fails permanently, saying where to configure one, when the agent has no provider", async () => {
    const agent = await createAgent();
    const before = server.received.length;
    const error = await run(agent.id, { prompt: "Hello" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toBe(
      "No LLM provider is configured for this agent: set one in the agent's Settings tab (base URL, model, API key)",
    );
    expect(server.received.length).toBe(before);
  });

  it("fails permanently when neither the agent nor the step names a model", async () => {
    const agent = await createAgent({ baseUrl: `${server.origin}/v1` });
    const error = await run(agent.id, { prompt: "Hello" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toMatch(/^No LLM model is set/);
  });

  it("fails with a clear, retryable error when the JSON reply is not JSON", async () => {
    const agent = await createAgent({ baseUrl: `${server.origin}/v1`, model: "m" });
    reply = (response) => sendJson(response, 200, completion("I think the risk is high."));
    const error = await run(agent.id, { prompt: "Assess", json: true }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toBe(
      'The model was asked for JSON but its reply is not valid JSON: "I think the risk is high."',
    );
  });

  it("fails permanently when the provider rejects the key", async () => {
    const agent = await createAgent({ baseUrl: `${server.origin}/v1`, model: "m", apiKey: "sk-wrong" });
    reply = (response) => sendJson(response, 401, { error: { message: "Invalid API key" } });
    const error = await run(agent.id, { prompt: "Hello" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toBe("The LLM provider answered HTTP 401: Invalid API key");
  });

  it("refuses a key sealed for another agent", async () => {
    const owner = await createAgent({ baseUrl: `${server.origin}/v1`, model: "m", apiKey: "sk-owner" });
    const thief = await createAgent({ baseUrl: `${server.origin}/v1`, model: "m" });
    const { llmApiKeyCiphertext } = await database.db.agent.findUniqueOrThrow({ where: { id: owner.id } });
    await database.db.agent.update({ where: { id: thief.id }, data: { llmApiKeyCiphertext } });
    const before = server.received.length;
    const error = await run(thief.id, { prompt: "Hello" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toMatch(/^The agent's LLM API key cannot be decrypted/);
    expect(server.received.length).toBe(before);
  });

  it("refuses a provider on an internal address the allow-list does not name", async () => {
    const agent = await createAgent({ baseUrl: "http://10.1.2.3:11434/v1", model: "m" });
    const error = await run(agent.id, { prompt: "Hello" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toMatch(/^Refused to connect to 10\.1\.2\.3 \(private\)/);
  });
});
