// Drives the real route handlers with real Requests against a fresh database per provider:
// status codes and JSON bodies as a client sees them, and no 500 for any bad input.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createClient, type Db } from "@/lib/db/create-client";
import { createTestUser, signedIn } from "@/test/auth";
import {
  createEmptyDatabase,
  isProviderAvailable,
  providers,
  skipUnlessAvailable,
  type EmptyDatabase,
} from "@/test/databases";

// lib/db keeps its client here; each provider's suite must start without the previous one's.
const appGlobal = globalThis as typeof globalThis & { __workbenchDb?: { ready: Promise<Db> } };

async function closeAppDb(): Promise<void> {
  const state = appGlobal.__workbenchDb;
  appGlobal.__workbenchDb = undefined;
  const db = await state?.ready.catch(() => undefined);
  await db?.$disconnect();
}

/** `session` gives the management routes a signed-in builder's cookie. */
async function loadRoutes(session: <M extends object>(module: M) => M) {
  return {
    agents: session(await import("@/app/api/agents/route")),
    agent: session(await import("@/app/api/agents/[agentId]/route")),
    agentWorkflows: session(await import("@/app/api/agents/[agentId]/workflows/route")),
    workflow: session(await import("@/app/api/workflows/[workflowId]/route")),
    health: await import("@/app/api/health/route"),
  };
}

const base = "http://localhost";
const noParams = { params: Promise.resolve({}) };
const agentParams = (agentId: string) => ({ params: Promise.resolve({ agentId }) });
const workflowParams = (workflowId: string) => ({ params: Promise.resolve({ workflowId }) });

function jsonRequest(method: string, path: string, body: unknown): Request {
  return new Request(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
function rawRequest(method: string, path: string, body: string, contentType?: string): Request {
  return new Request(`${base}${path}`, { method, headers: contentType ? { "content-type": contentType } : {}, body });
}
async function bodyOf(response: Response) {
  return response.json();
}

const originalDatabaseUrl = process.env.DATABASE_URL;
afterAll(() => {
  if (originalDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = originalDatabaseUrl;
});

describe.each(providers)("API routes on %s", (provider) => {
  skipUnlessAvailable(provider);
  let database: EmptyDatabase | undefined;
  let routes: Awaited<ReturnType<typeof loadRoutes>>;
  // A second client on the same database, to check what the API really wrote.
  let direct: Db;
  let cookie = "";

  beforeAll(async () => {
    if (!isProviderAvailable(provider)) return;
    database = await createEmptyDatabase(provider);
    await closeAppDb();
    process.env.DATABASE_URL = database.databaseUrl;
    // lib/env caches its parse of process.env: fresh modules read the new DATABASE_URL.
    vi.resetModules();
    routes = await loadRoutes((module) => signedIn(module, () => cookie));
    // The first request migrates the empty database, as the app does at start-up.
    expect((await routes.health.GET()).status).toBe(200);
    direct = createClient(database.target);
    cookie = (await createTestUser({ db: direct, role: "builder" })).cookie;
  });
  afterAll(async () => {
    await closeAppDb();
    await direct?.$disconnect();
    await database?.drop();
  });
  beforeEach(async () => {
    // Everything these tests create hangs off an agent and goes with it (ON DELETE CASCADE).
    if (database) await direct.agent.deleteMany();
  });

  async function createAgentViaApi(name = "Agent") {
    const response = await routes.agents.POST(jsonRequest("POST", "/api/agents", { name }), noParams);
    expect(response.status).toBe(201);
    return (await bodyOf(response)).agent as { id: string; name: string };
  }

  it("reports healthy on this provider", async () => {
    const response = await routes.health.GET();
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ status: "ok", database: provider });
  });

  it("creates (201) and lists (200) agents in the test database", async () => {
    const response = await routes.agents.POST(
      jsonRequest("POST", "/api/agents", { name: " Fraud monitor ", description: "alerts" }),
      noParams,
    );
    expect(response.status).toBe(201);
    const { agent } = await bodyOf(response);
    expect(agent).toMatchObject({ name: "Fraud monitor", description: "alerts", workflowCount: 0 });

    const list = await routes.agents.GET(new Request(`${base}/api/agents`), noParams);
    expect(list.status).toBe(200);
    expect(await bodyOf(list)).toEqual({ agents: [agent] });
    expect(await direct.agent.findUnique({ where: { id: agent.id }, select: { name: true } })).toEqual({
      name: "Fraud monitor",
    });
  });

  it("reads (200), renames (200) and deletes (204) an agent", async () => {
    const { id } = await createAgentViaApi("Old");
    const read = await routes.agent.GET(new Request(`${base}/api/agents/${id}`), agentParams(id));
    expect(read.status).toBe(200);
    expect((await bodyOf(read)).agent).toMatchObject({ id, name: "Old" });

    const patched = await routes.agent.PATCH(
      jsonRequest("PATCH", `/api/agents/${id}`, { name: "New" }),
      agentParams(id),
    );
    expect(patched.status).toBe(200);
    expect((await bodyOf(patched)).agent).toMatchObject({ id, name: "New" });

    const deleted = await routes.agent.DELETE(
      new Request(`${base}/api/agents/${id}`, { method: "DELETE" }),
      agentParams(id),
    );
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect(await direct.agent.count()).toBe(0);
  });

  it("creates, lists, updates and deletes workflows; deleting the agent removes them", async () => {
    const agent = await createAgentViaApi();
    const created = await routes.agentWorkflows.POST(
      jsonRequest("POST", "/", { name: "Ingest" }),
      agentParams(agent.id),
    );
    expect(created.status).toBe(201);
    const { workflow } = await bodyOf(created);
    expect(workflow).toMatchObject({
      agentId: agent.id,
      name: "Ingest",
      version: 1,
      definition: { steps: [], retry: { maxAttempts: 3, backoffSeconds: 10 } },
    });

    const listed = await routes.agentWorkflows.GET(new Request(`${base}/`), agentParams(agent.id));
    expect(listed.status).toBe(200);
    expect(await bodyOf(listed)).toEqual({ workflows: [workflow] });

    const definition = {
      steps: [
        {
          id: "notify",
          type: "http_request",
          timeoutSeconds: 10,
          config: {
            method: "POST",
            url: "https://example.com/hook",
            headers: {},
            body: { id: "{{ trigger.body.id }}" },
            failOnHttpError: true,
          },
        },
      ],
      retry: { maxAttempts: 2, backoffSeconds: 5 },
    };
    const patched = await routes.workflow.PATCH(jsonRequest("PATCH", "/", { definition }), workflowParams(workflow.id));
    expect(patched.status).toBe(200);
    expect((await bodyOf(patched)).workflow).toMatchObject({ version: 2, definition });
    const versions = await direct.workflowVersion.findMany({
      where: { workflowId: workflow.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((row) => [row.version, JSON.parse(row.definition).steps.length])).toEqual([
      [1, 0],
      [2, 1],
    ]);

    const read = await routes.workflow.GET(new Request(`${base}/`), workflowParams(workflow.id));
    expect((await bodyOf(read)).workflow).toMatchObject({ version: 2, definition });

    await routes.agentWorkflows.POST(jsonRequest("POST", "/", { name: "second" }), agentParams(agent.id));
    const deletedOne = await routes.workflow.DELETE(
      new Request(`${base}/`, { method: "DELETE" }),
      workflowParams(workflow.id),
    );
    expect(deletedOne.status).toBe(204);
    expect(await direct.workflow.count()).toBe(1);

    await routes.agent.DELETE(new Request(`${base}/`, { method: "DELETE" }), agentParams(agent.id));
    expect(await direct.workflow.count()).toBe(0);
  });

  it("answers 400 naming the field for an empty name", async () => {
    const response = await routes.agents.POST(jsonRequest("POST", "/api/agents", { name: "  " }), noParams);
    expect(response.status).toBe(400);
    const { error } = await bodyOf(response);
    expect(error).toMatchObject({ code: "invalid_input", field: "name", message: "name: Name is required" });
  });

  it.each([
    ["broken JSON", '{"name": '],
    ["an empty body", ""],
    ["JSON with a trailing comma", '{"name": "A",}'],
  ])("answers 400 malformed_json for %s", async (_name, body) => {
    const response = await routes.agents.POST(rawRequest("POST", "/api/agents", body, "application/json"), noParams);
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).error.code).toBe("malformed_json");
  });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no content type", undefined],
    ["a lookalike type", "application/jsonp"],
  ])("answers 415 for %s", async (_name, contentType) => {
    const response = await routes.agents.POST(rawRequest("POST", "/api/agents", '{"name":"A"}', contentType), noParams);
    expect(response.status).toBe(415);
    expect((await bodyOf(response)).error.code).toBe("unsupported_media_type");
    expect(await direct.agent.count()).toBe(0);
  });

  it.each(["application/json; charset=utf-8", "application/merge-patch+json"])(
    "accepts JSON sent as %s",
    async (contentType) => {
      const response = await routes.agents.POST(
        rawRequest("POST", "/api/agents", '{"name":"A"}', contentType),
        noParams,
      );
      expect(response.status).toBe(201);
    },
  );

  it("answers 404 for unknown agents and workflows", async () => {
    const id = "cl_unknown";
    const responses = [
      await routes.agent.GET(new Request(`${base}/`), agentParams(id)),
      await routes.agent.PATCH(jsonRequest("PATCH", "/", { name: "x" }), agentParams(id)),
      await routes.agent.DELETE(new Request(`${base}/`, { method: "DELETE" }), agentParams(id)),
      await routes.agentWorkflows.GET(new Request(`${base}/`), agentParams(id)),
      await routes.agentWorkflows.POST(jsonRequest("POST", "/", { name: "x" }), agentParams(id)),
      await routes.workflow.GET(new Request(`${base}/`), workflowParams(id)),
      await routes.workflow.PATCH(jsonRequest("PATCH", "/", { name: "x" }), workflowParams(id)),
      await routes.workflow.DELETE(new Request(`${base}/`, { method: "DELETE" }), workflowParams(id)),
    ];
    for (const response of responses) {
      expect(response.status).toBe(404);
      expect((await bodyOf(response)).error.code).toBe("not_found");
    }
  });

  describe("never answers 500 to bad input", () => {
    const consoleError = vi.spyOn(console, "error");
    afterEach(() => {
      // routeHandler logs exactly the failures it answers with 500.
      const logged = consoleError.mock.calls.map((call) => String(call[0]));
      consoleError.mockClear();
      expect(logged).toEqual([]);
    });

    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    it.each<[string, string]>([
      ["an unknown key", JSON.stringify({ name: "A", role: "admin" })],
      ["a __proto__ key", '{"name":"A","__proto__":{"admin":true}}'],
      ["a number for the name", JSON.stringify({ name: 42 })],
      ["null for the name", JSON.stringify({ name: null })],
      ["an object for the name", JSON.stringify({ name: { first: "A" } })],
      ["an array body", JSON.stringify([{ name: "A" }])],
      ["a string body", JSON.stringify("A")],
      ["a number body", "42"],
      ["a null body", "null"],
      ["a huge name", JSON.stringify({ name: "n".repeat(1_000_000) })],
      ["a huge description", JSON.stringify({ name: "A", description: "d".repeat(100_000) })],
      ["deeply nested arrays", nested(10_000)],
    ])("POST /api/agents with %s -> 400", async (_name, body) => {
      const response = await routes.agents.POST(rawRequest("POST", "/api/agents", body, "application/json"), noParams);
      expect(response.status).toBe(400);
      expect((await bodyOf(response)).error.code).toBe("invalid_input");
      expect(await direct.agent.count()).toBe(0);
    });

    it.each<[string, unknown]>([
      ["nothing to change", {}],
      ["a hand-set version", { version: 9 }],
      ["steps that are not an array", { definition: { steps: "fetch" } }],
      ["a null definition", { definition: null }],
      ["a step without a type", { definition: { steps: [{ id: "a" }] } }],
      ["a step of an unknown type", { definition: { steps: [{ id: "a", type: "log", config: {} }] } }],
      ["an HTTP step without a url", { definition: { steps: [{ id: "a", type: "http_request", config: {} }] } }],
      [
        "a step config that is not an object",
        { definition: { steps: [{ id: "a", type: "transform", config: "1 + 1" }] } },
      ],
      [
        "a step id with a dash",
        { definition: { steps: [{ id: "a-b", type: "transform", config: { expression: "1" } }] } },
      ],
      ["11 attempts", { definition: { steps: [], retry: { maxAttempts: 11 } } }],
      [
        "duplicate step ids",
        {
          definition: {
            steps: [
              { id: "a", type: "transform", config: { expression: "1" } },
              { id: "a", type: "transform", config: { expression: "2" } },
            ],
          },
        },
      ],
      [
        "101 steps",
        {
          definition: {
            steps: Array.from({ length: 101 }, (_, i) => ({
              id: `s${i}`,
              type: "transform",
              config: { expression: "1" },
            })),
          },
        },
      ],
      ["an agentId (moving workflows is not supported)", { agentId: "other" }],
    ])("PATCH /api/workflows/:id with %s -> 400", async (_name, body) => {
      const agent = await createAgentViaApi();
      const { workflow } = await bodyOf(
        await routes.agentWorkflows.POST(jsonRequest("POST", "/", { name: "W" }), agentParams(agent.id)),
      );
      const response = await routes.workflow.PATCH(jsonRequest("PATCH", "/", body), workflowParams(workflow.id));
      expect(response.status).toBe(400);
      expect((await bodyOf(response)).error.code).toBe("invalid_input");
      expect(await direct.workflow.findUnique({ where: { id: workflow.id }, select: { version: true } })).toEqual({
        version: 1,
      });
    });

    it.each([
      ["a very long id", "x".repeat(10_000)],
      ["an id with SQL in it", '\'; DROP TABLE "Agent"; --'],
      ["an id with a NUL byte", "a\u0000b"],
      ["a non-ASCII id", "агент-🙂"],
    ])("GET /api/agents/:id with %s -> 404", async (_name, id) => {
      const response = await routes.agent.GET(new Request(`${base}/`), agentParams(id));
      expect(response.status).toBe(404);
      expect(await direct.agent.count()).toBe(0);
    });

    it("answers 404 for a workflow id with a NUL byte", async () => {
      const response = await routes.workflow.PATCH(jsonRequest("PATCH", "/", { name: "x" }), workflowParams("w\u0000"));
      expect(response.status).toBe(404);
    });

    // PostgreSQL text cannot hold NUL: these used to reach the INSERT and fail there with a 500.
    it.each([
      ["the name", { name: "a\u0000b" }, "name"],
      ["the description", { name: "A", description: "x\u0000" }, "description"],
    ])("POST /api/agents with a NUL byte in %s -> 400", async (_name, body, field) => {
      const response = await routes.agents.POST(jsonRequest("POST", "/api/agents", body), noParams);
      expect(response.status).toBe(400);
      expect((await bodyOf(response)).error.field).toBe(field);
    });

    it("POST /api/agents/:id/workflows with a NUL byte in the name -> 400", async () => {
      const agent = await createAgentViaApi();
      const response = await routes.agentWorkflows.POST(
        jsonRequest("POST", "/", { name: "\u0000" }),
        agentParams(agent.id),
      );
      expect(response.status).toBe(400);
      expect((await bodyOf(response)).error.field).toBe("name");
    });

    it("stores a NUL byte inside a step's own fields (definitions are stored as escaped JSON)", async () => {
      const agent = await createAgentViaApi();
      const { workflow } = await bodyOf(
        await routes.agentWorkflows.POST(jsonRequest("POST", "/", { name: "W" }), agentParams(agent.id)),
      );
      const definition = {
        steps: [
          { id: "a", type: "notify", timeoutSeconds: 30, config: { conversationKey: "k\u0000", message: "x\u0000y" } },
        ],
        retry: { maxAttempts: 3, backoffSeconds: 10 },
      };
      const response = await routes.workflow.PATCH(
        jsonRequest("PATCH", "/", { definition }),
        workflowParams(workflow.id),
      );
      expect(response.status).toBe(200);
      expect((await bodyOf(response)).workflow.definition).toEqual(definition);
      const stored = await direct.workflowVersion.findUniqueOrThrow({
        where: { workflowId_version: { workflowId: workflow.id, version: 2 } },
      });
      expect(stored.definition).toContain("x\\u0000y");
      expect(JSON.parse(stored.definition)).toEqual(definition);
    });
  });
});
