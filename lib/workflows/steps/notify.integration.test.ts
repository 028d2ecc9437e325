// The Notify step on SQLite and PostgreSQL: conversations found or created once by external key
// (also under concurrency), messages stored, and the signed outbound POST checked by its receiver.
import { createHmac, timingSafeEqual } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createClient } from "@/lib/db/create-client";
import { providers, useMigratedDatabase } from "@/test/databases";
import { useFreshModules } from "@/test/fresh-modules";
import { sendJson, startLocalServer, type LocalServer, type ReceivedRequest } from "@/test/local-server";
import { runContext } from "@/test/run-context";

let receiver: LocalServer;
let receiverStatus = 200;

beforeAll(async () => {
  receiver = await startLocalServer((_request, response) => sendJson(response, receiverStatus, { received: true }));
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiverStatus = 200;
});

/** What a receiving system does: recompute the HMAC over the raw body with the shared secret. */
function signatureIsValid(request: ReceivedRequest, secret: string): boolean {
  const expected = Buffer.from(createHmac("sha256", secret).update(request.body).digest("hex"));
  const given = Buffer.from(String(request.headers["x-signature"] ?? ""));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe.each(providers)("notify on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  const fresh = useFreshModules({
    env: { WORKFLOW_HTTP_ALLOW: "127.0.0.1" },
    load: async () => ({
      ...(await import("./notify")),
      ...(await import("./step-handler")),
      ...(await import("./step-schemas")),
      ...(await import("@/lib/agents/get-outbound-secret")),
      ...(await import("@/lib/agents/agent-secrets")),
    }),
  });

  const createAgent = () => database.db.agent.create({ data: { name: "Helpdesk" }, select: { id: true } });

  function run(
    agentId: string,
    config: unknown,
    opts: { body?: unknown; executionId?: string; attempt?: number; db?: typeof database.db } = {},
  ) {
    const { notifyStep, notifyConfig } = fresh.modules;
    const context = runContext({ agentId, body: opts.body, executionId: opts.executionId, attempt: opts.attempt });
    return notifyStep.run({
      config: notifyConfig.parse(config),
      context,
      services: { db: opts.db ?? database.db, signal: AbortSignal.timeout(10_000) },
    });
  }

  const ticket = { ticket: { id: "T-100", subject: "Refund", status: "solved" } };
  const ticketConfig = {
    conversationKey: "ticket-{{ trigger.body.ticket.id }}",
    conversationTitle: "{{ trigger.body.ticket.subject }}",
    message: "Ticket is now {{ trigger.body.ticket.status }}",
  };

  it("creates the conversation on first use and stores the message", async () => {
    const agent = await createAgent();
    const { output, input } = await run(agent.id, ticketConfig, { body: ticket, executionId: "run_a" });
    const conversation = await database.db.conversation.findFirstOrThrow({
      where: { agentId: agent.id },
      include: { messages: true },
    });
    expect(output).toEqual({ conversationId: conversation.id, messageId: conversation.messages[0].id });
    expect(input).toEqual({
      conversationKey: "ticket-T-100",
      conversationTitle: "Refund",
      message: "Ticket is now solved",
    });
    expect(conversation).toMatchObject({ externalKey: "ticket-T-100", title: "Refund" });
    expect(conversation.messages).toEqual([
      expect.objectContaining({ role: "agent", content: "Ticket is now solved", executionId: "run_a" }),
    ]);
  });

  it("posts later messages to the same conversation and bumps its updatedAt", async () => {
    const agent = await createAgent();
    const first = await run(agent.id, ticketConfig, { body: ticket, executionId: "run_a" });
    const before = await database.db.conversation.findFirstOrThrow({ where: { agentId: agent.id } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await run(
      agent.id,
      { ...ticketConfig, conversationTitle: "Ignored now" },
      { body: { ticket: { ...ticket.ticket, status: "reopened" } }, executionId: "run_b" },
    );
    expect((second.output as { conversationId: string }).conversationId).toBe(
      (first.output as { conversationId: string }).conversationId,
    );
    const after = await database.db.conversation.findFirstOrThrow({
      where: { agentId: agent.id },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    expect(after.title).toBe("Refund");
    expect(after.messages.map((message) => message.content)).toEqual([
      "Ticket is now solved",
      "Ticket is now reopened",
    ]);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("titles a conversation with its key when no title is given", async () => {
    const agent = await createAgent();
    await run(agent.id, { conversationKey: "customer-9", message: "Hi" });
    expect(await database.db.conversation.findFirstOrThrow({ where: { agentId: agent.id } })).toMatchObject({
      externalKey: "customer-9",
      title: "customer-9",
    });
  });

  it("does not post the same message twice when a run retries the step", async () => {
    const agent = await createAgent();
    const first = await run(agent.id, ticketConfig, { body: ticket, executionId: "run_retry", attempt: 1 });
    const again = await run(agent.id, ticketConfig, { body: ticket, executionId: "run_retry", attempt: 2 });
    expect(again.output).toEqual(first.output);
    expect(await database.db.message.count({ where: { conversation: { agentId: agent.id } } })).toBe(1);
  });

  it("posts both when two steps of one attempt send the same text", async () => {
    const agent = await createAgent();
    await run(agent.id, ticketConfig, { body: ticket, executionId: "run_twice" });
    await run(agent.id, ticketConfig, { body: ticket, executionId: "run_twice" });
    expect(await database.db.message.count({ where: { conversation: { agentId: agent.id } } })).toBe(2);
  });

  it("creates one conversation when concurrent runs post to a new key", async () => {
    const agent = await createAgent();
    // PostgreSQL: several clients, as several app instances would be. SQLite: the one client a
    // process has (better-sqlite3 waits for a lock synchronously, so a second client in the same
    // process would block the first one's transaction); its awaits still interleave the runs.
    const clients =
      provider === "postgresql"
        ? [database.db, createClient(database.target), createClient(database.target)]
        : [database.db];
    try {
      const runs = 10;
      const results = await Promise.all(
        Array.from({ length: runs }, (_, index) =>
          run(
            agent.id,
            { conversationKey: "fraud-alerts", message: `Alert ${index}` },
            { executionId: `run_${index}`, db: clients[index % clients.length] },
          ),
        ),
      );
      const conversations = await database.db.conversation.findMany({
        where: { agentId: agent.id },
        include: { messages: true },
      });
      expect(conversations).toHaveLength(1);
      expect(conversations[0].messages).toHaveLength(runs);
      expect(new Set(results.map((result) => (result.output as { conversationId: string }).conversationId))).toEqual(
        new Set([conversations[0].id]),
      );
    } finally {
      await Promise.all(clients.slice(1).map((client) => client.$disconnect()));
    }
  });

  it("POSTs a notification signed with the agent's outbound secret, stored sealed", async () => {
    const agent = await createAgent();
    const { output } = await run(
      agent.id,
      { ...ticketConfig, url: `${receiver.origin}/hooks/{{ trigger.body.ticket.id }}` },
      { body: ticket, executionId: "run_post" },
    );
    const request = receiver.received.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/hooks/T-100");
    expect(request.headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(request.body);
    expect(payload).toEqual({
      conversationKey: "ticket-T-100",
      message: "Ticket is now solved",
      executionId: "run_post",
      agentId: agent.id,
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      conversationId: (output as { conversationId: string }).conversationId,
      messageId: (output as { messageId: string }).messageId,
    });
    expect(output).toMatchObject({ delivered: { status: 200 } });

    const { outboundSecretCiphertext } = await database.db.agent.findUniqueOrThrow({ where: { id: agent.id } });
    const secret = fresh.modules.openAgentOutboundSecret({ agentId: agent.id, sealed: outboundSecretCiphertext! });
    expect(secret).toMatch(/^aos_/);
    expect(outboundSecretCiphertext).not.toContain(secret);
    expect(signatureIsValid(request, secret)).toBe(true);
    expect(signatureIsValid(request, "aos_some-other-secret")).toBe(false);
  });

  it("signs every notification of an agent with the same secret", async () => {
    const agent = await createAgent();
    const secrets = await Promise.all(
      Array.from({ length: 6 }, () => fresh.modules.getOutboundSecret({ db: database.db, agentId: agent.id })),
    );
    expect(new Set(secrets).size).toBe(1);
    await run(agent.id, { conversationKey: "k", message: "m", url: `${receiver.origin}/a` });
    expect(signatureIsValid(receiver.received.at(-1)!, secrets[0])).toBe(true);
  });

  it("keeps the message and fails retryably when the receiver answers 503; the retry delivers it once", async () => {
    const agent = await createAgent();
    receiverStatus = 503;
    const config = { conversationKey: "k", message: "m", url: `${receiver.origin}/down` };
    const error = await run(agent.id, config, { executionId: "run_503", attempt: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).not.toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toBe(
      `The notification URL ${receiver.origin} answered HTTP 503: {"received":true}`,
    );
    receiverStatus = 200;
    const { output } = await run(agent.id, config, { executionId: "run_503", attempt: 2 });
    expect(output).toMatchObject({ delivered: { status: 200 } });
    expect(await database.db.message.count({ where: { conversation: { agentId: agent.id } } })).toBe(1);
  });

  it("refuses a notification URL on an internal address, permanently", async () => {
    const agent = await createAgent();
    const error = await run(agent.id, {
      conversationKey: "k",
      message: "m",
      url: "http://169.254.169.254/latest",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toMatch(/^Refused to connect to 169\.254\.169\.254/);
  });

  it("fails permanently when the key renders empty", async () => {
    const agent = await createAgent();
    const error = await run(agent.id, { conversationKey: "{{ trigger.body.nope }}", message: "m" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(fresh.modules.PermanentStepError);
    expect((error as Error).message).toBe("The conversation key rendered empty: check the fields it reads");
    expect(await database.db.conversation.count({ where: { agentId: agent.id } })).toBe(0);
  });
});
