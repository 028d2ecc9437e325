// The agent's data routes as a client sees them, on a fresh database per provider: records and
// their collections, conversations and their messages, and the agent's settings (LLM provider
// with its key stored encrypted, and the outbound signing secret).
import { beforeAll, describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { reply, withParams } from "@/test/route-reply";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

/** `session` gives the routes the harness's signed-in builder. */
async function loadModules(session: <M extends object>(module: M) => M) {
  return {
    records: session(await import("@/app/api/agents/[agentId]/records/route")),
    record: session(await import("@/app/api/agents/[agentId]/records/[recordId]/route")),
    conversations: session(await import("@/app/api/agents/[agentId]/conversations/route")),
    messages: session(await import("@/app/api/agents/[agentId]/conversations/[conversationId]/messages/route")),
    settings: session(await import("@/app/api/agents/[agentId]/settings/route")),
    upsertRecord: (await import("@/lib/records/upsert-record")).upsertRecord,
    postMessage: (await import("@/lib/conversations/post-message")).postMessage,
    getAgentLlmProvider: (await import("@/lib/agents/get-agent-llm-provider")).getAgentLlmProvider,
  };
}

const get = (path = "/") => new Request(`${baseUrl}${path}`);
const patch = (body: unknown) =>
  new Request(`${baseUrl}/`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe.each(providers)("agent data routes on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let m: Awaited<ReturnType<typeof loadModules>>;
  beforeAll(async () => {
    // Loaded after the harness's fresh modules, so they share its database and master key.
    m = await loadModules(harness.signedIn);
  });

  const createAgent = (name = "Agent") => harness.app.agents.createAgent({ db: harness.direct, input: { name } });
  const write = (agentId: string, collection: string, key: string, data: unknown) =>
    m.upsertRecord({ db: harness.direct, agentId, collection, key, data, mode: "replace" });

  describe("records", () => {
    const listRecords = (agentId: string, query = "") =>
      reply(m.records.GET(get(`/api/agents/${agentId}/records${query}`), withParams({ agentId })));
    const deleteRecord = (agentId: string, recordId: string) =>
      reply(m.record.DELETE(new Request(`${baseUrl}/`, { method: "DELETE" }), withParams({ agentId, recordId })));

    it("lists the agent's collections with their counts, most recently written first", async () => {
      const agent = await createAgent();
      const other = await createAgent("Other");
      await write(agent.id, "clients", "c1", { name: "Ada" });
      await write(agent.id, "clients", "c2", { name: "Bob" });
      await write(other.id, "secrets", "s1", { not: "mine" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await write(agent.id, "balances", "c1", { cents: 100 });

      const { status, body } = await listRecords(agent.id);
      expect(status).toBe(200);
      expect(body.collections).toEqual([
        { collection: "balances", count: 1, updatedAt: expect.any(String) },
        { collection: "clients", count: 2, updatedAt: expect.any(String) },
      ]);
      expect(body.collections[0].updatedAt > body.collections[1].updatedAt).toBe(true);
      expect((await listRecords(other.id)).body.collections.map((c: { collection: string }) => c.collection)).toEqual([
        "secrets",
      ]);
    });

    it("lists one collection's records with their data, in pages", async () => {
      const agent = await createAgent();
      for (const key of ["a", "b", "c"]) await write(agent.id, "clients", key, { key, nested: { ok: true } });
      await write(agent.id, "other", "x", 1);

      const all = await listRecords(agent.id, "?collection=clients");
      expect(all.status).toBe(200);
      expect(all.body.records.map((record: { key: string }) => record.key).toSorted()).toEqual(["a", "b", "c"]);
      expect(all.body.records[0]).toEqual({
        id: expect.stringMatching(/^rec_/),
        collection: "clients",
        key: expect.any(String),
        data: { key: all.body.records[0].key, nested: { ok: true } },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(all.body.nextCursor).toBeNull();

      const keys: string[] = [];
      let query = "?collection=clients&limit=2";
      for (let pages = 0; pages < 5; pages++) {
        const page = await listRecords(agent.id, query);
        keys.push(...page.body.records.map((record: { key: string }) => record.key));
        if (!page.body.nextCursor) break;
        query = `?collection=clients&limit=2&cursor=${page.body.nextCursor}`;
      }
      expect(keys).toEqual(all.body.records.map((record: { key: string }) => record.key));
      expect((await listRecords(agent.id, "?collection=nothing")).body).toEqual({ records: [], nextCursor: null });
    });

    it("deletes one record (204), and answers 404 for another agent's record", async () => {
      const agent = await createAgent();
      const other = await createAgent("Other");
      await write(agent.id, "clients", "a", 1);
      await write(agent.id, "clients", "b", 2);
      const [record] = (await listRecords(agent.id, "?collection=clients")).body.records;

      expect((await deleteRecord(other.id, record.id)).status).toBe(404);
      expect(await harness.direct.dataRecord.count({ where: { agentId: agent.id } })).toBe(2);
      const deleted = await deleteRecord(agent.id, record.id);
      expect(deleted.status).toBe(204);
      expect(
        (await listRecords(agent.id, "?collection=clients")).body.records.map((r: { id: string }) => r.id),
      ).not.toContain(record.id);
      expect((await deleteRecord(agent.id, record.id)).status).toBe(404);
    });

    it.each([
      ["an empty collection", "?collection="],
      ["a limit of 0", "?collection=c&limit=0"],
      ["a bad cursor", "?collection=c&cursor=%27"],
      ["an unknown parameter", "?collection=c&sort=asc"],
    ])("answers 400 for %s, and 404 for an unknown agent", async (_name, query) => {
      const agent = await createAgent();
      expect((await listRecords(agent.id, query)).status).toBe(400);
      expect((await listRecords("agt_missing")).status).toBe(404);
    });
  });

  describe("conversations", () => {
    const listConversations = (agentId: string) => reply(m.conversations.GET(get(), withParams({ agentId })));
    const listMessages = (agentId: string, conversationId: string) =>
      reply(m.messages.GET(get(), withParams({ agentId, conversationId })));
    const post = (agentId: string, conversationKey: string, content: string, title?: string) =>
      m.postMessage({ db: harness.direct, agentId, conversationKey, content, title, executionId: "run_x" });

    it("lists conversations by latest activity with their message counts, and each one's messages oldest first", async () => {
      const agent = await createAgent();
      const other = await createAgent("Other");
      const first = await post(agent.id, "ticket-1", "Opened", "Refund request");
      await post(agent.id, "ticket-2", "Hello");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await post(agent.id, "ticket-1", "Solved");
      await post(other.id, "ticket-1", "Not yours");

      const { status, body } = await listConversations(agent.id);
      expect(status).toBe(200);
      expect(
        body.conversations.map((c: { externalKey: string; title: string; messageCount: number }) => [
          c.externalKey,
          c.title,
          c.messageCount,
        ]),
      ).toEqual([
        ["ticket-1", "Refund request", 2],
        ["ticket-2", "ticket-2", 1],
      ]);

      const messages = await listMessages(agent.id, first.conversationId);
      expect(messages.status).toBe(200);
      expect(messages.body.conversation).toMatchObject({
        id: first.conversationId,
        externalKey: "ticket-1",
        messageCount: 2,
      });
      expect(
        messages.body.messages.map((message: { content: string; role: string; executionId: string }) => [
          message.content,
          message.role,
          message.executionId,
        ]),
      ).toEqual([
        ["Opened", "agent", "run_x"],
        ["Solved", "agent", "run_x"],
      ]);
    });

    it("answers 404 for another agent's conversation and for an unknown agent", async () => {
      const agent = await createAgent();
      const other = await createAgent("Other");
      const posted = await post(agent.id, "k", "m");
      expect((await listMessages(other.id, posted.conversationId)).status).toBe(404);
      expect((await listMessages(agent.id, "conv_missing")).status).toBe(404);
      expect((await listConversations("agt_missing")).status).toBe(404);
      expect((await listConversations(other.id)).body).toEqual({ conversations: [] });
    });
  });

  describe("settings", () => {
    const getSettings = (agentId: string) => reply(m.settings.GET(get(), withParams({ agentId })));
    const patchSettings = (agentId: string, body: unknown) =>
      reply(m.settings.PATCH(patch(body), withParams({ agentId })));
    const storedRow = (agentId: string) => harness.direct.agent.findUniqueOrThrow({ where: { id: agentId } });

    it("starts empty, with an outbound signing secret created once and stable across reads", async () => {
      const agent = await createAgent();
      const reads = await Promise.all([getSettings(agent.id), getSettings(agent.id), getSettings(agent.id)]);
      const { status, body } = reads[0];
      expect(status).toBe(200);
      expect(body.settings).toEqual({
        llmBaseUrl: null,
        llmModel: null,
        llmApiKeyConfigured: false,
        outboundSigningSecret: expect.stringMatching(/^aos_[\w-]{43}$/),
      });
      const secret = body.settings.outboundSigningSecret;
      for (const read of reads) expect(read.body.settings.outboundSigningSecret).toBe(secret);
      expect((await getSettings(agent.id)).body.settings.outboundSigningSecret).toBe(secret);
      const row = await storedRow(agent.id);
      expect(row.outboundSecretCiphertext).not.toBeNull();
      expect(row.outboundSecretCiphertext).not.toContain(secret);
      expect((await getSettings((await createAgent("Other")).id)).body.settings.outboundSigningSecret).not.toBe(secret);
    });

    it("stores the LLM API key encrypted, never returns it, keeps it when omitted and clears it with null", async () => {
      const agent = await createAgent();
      const apiKey = "sk-test-0123456789abcdef";
      const saved = await patchSettings(agent.id, {
        llmBaseUrl: "https://llm.example.com/v1/",
        llmModel: " gpt-test ",
        llmApiKey: apiKey,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toMatchObject({
        llmBaseUrl: "https://llm.example.com/v1",
        llmModel: "gpt-test",
        llmApiKeyConfigured: true,
      });
      expect(JSON.stringify(saved.body)).not.toContain(apiKey);
      expect(JSON.stringify((await getSettings(agent.id)).body)).not.toContain(apiKey);

      const row = await storedRow(agent.id);
      expect(row.llmApiKeyCiphertext).not.toBeNull();
      expect(JSON.stringify(row)).not.toContain(apiKey);
      expect(JSON.stringify(row)).not.toContain(Buffer.from(apiKey).toString("base64"));
      // It decrypts back for the LLM step.
      expect(await m.getAgentLlmProvider({ db: harness.direct, agentId: agent.id })).toEqual({
        baseUrl: "https://llm.example.com/v1",
        model: "gpt-test",
        apiKey,
      });

      const renamed = await patchSettings(agent.id, { llmModel: "gpt-other" });
      expect(renamed.body.settings).toMatchObject({
        llmModel: "gpt-other",
        llmApiKeyConfigured: true,
        llmBaseUrl: "https://llm.example.com/v1",
      });
      expect((await storedRow(agent.id)).llmApiKeyCiphertext).toBe(row.llmApiKeyCiphertext);

      const cleared = await patchSettings(agent.id, { llmApiKey: null, llmBaseUrl: "" });
      expect(cleared.status).toBe(200);
      expect(cleared.body.settings).toMatchObject({
        llmApiKeyConfigured: false,
        llmBaseUrl: null,
        llmModel: "gpt-other",
      });
      expect(await storedRow(agent.id)).toMatchObject({ llmApiKeyCiphertext: null, llmBaseUrl: null });
      expect(await m.getAgentLlmProvider({ db: harness.direct, agentId: agent.id })).toBeNull();
    });

    it.each([
      ["an ftp base URL", { llmBaseUrl: "ftp://llm.example.com" }, "llmBaseUrl"],
      ["a base URL that is not a URL", { llmBaseUrl: "llm.example.com" }, "llmBaseUrl"],
      ["a number for the model", { llmModel: 4 }, "llmModel"],
      ["a NUL in the API key", { llmApiKey: "sk-\u0000" }, "llmApiKey"],
      ["an unknown field", { temperature: 1 }, "body"],
    ])("answers 400 naming the field for %s, and changes nothing", async (_name, body, field) => {
      const agent = await createAgent();
      await patchSettings(agent.id, { llmBaseUrl: "https://llm.example.com", llmApiKey: "sk-keep" });
      const before = await storedRow(agent.id);
      const { status, body: reply } = await patchSettings(agent.id, body);
      expect(status).toBe(400);
      expect(reply.error.code).toBe("invalid_input");
      expect(reply.error.field).toBe(field);
      expect(await storedRow(agent.id)).toEqual(before);
    });

    it("answers 404 for an unknown agent", async () => {
      expect((await getSettings("agt_missing")).status).toBe(404);
      expect((await patchSettings("agt_missing", { llmModel: "x" })).status).toBe(404);
    });
  });
});
