// Every management route, found on disk (app/api/**/route.ts), called with each exported method:
// without a session -> 401, below its role -> 403, with its role -> past the access check, and a
// cross-site state change -> 403 even with a valid session. The same walk with an API token of each
// role (`Authorization: Bearer`) gives the same outcomes, with no CSRF check, except on the
// session-only routes (403 session_required). A route file without an entry in the policy table
// below fails the suite, so no new route ships without a decision.
import { readdirSync } from "node:fs";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { hasRole, roles, type Role } from "@/lib/auth/roles";
import { createTestApiToken, createTestUser, withCookie, type TestUser } from "@/test/auth";
import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

const apiDir = path.join(process.cwd(), "app/api");
const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof httpMethods)[number];

// Not management routes: the public webhook endpoint, the health check, sign-in and setup, and the
// caller's own account (auth/me, auth/password: any signed-in role; tested in account-password.integration.test.ts).
const publicRoutes = ["webhooks/[id]", "health", "auth/login", "auth/logout", "auth/me", "auth/password", "setup"];

/** Who may call what. Reads: viewer. Changes, runs and keys: builder. Users and audit: admin. */
const policy: Record<string, Partial<Record<Method, Role>>> = {
  agents: { GET: "viewer", POST: "builder" },
  "agents/[agentId]": { GET: "viewer", PATCH: "builder", DELETE: "builder" },
  "agents/[agentId]/settings": { GET: "viewer", PATCH: "builder" },
  "agents/[agentId]/secrets": { GET: "viewer" },
  "agents/[agentId]/secrets/[name]": { PUT: "builder", DELETE: "builder" },
  "agents/[agentId]/workflows": { GET: "viewer", POST: "builder" },
  "agents/[agentId]/conversations": { GET: "viewer" },
  "agents/[agentId]/conversations/[conversationId]/messages": { GET: "viewer" },
  "agents/[agentId]/executions": { GET: "viewer" },
  "agents/[agentId]/executions/[executionId]": { GET: "viewer" },
  "agents/[agentId]/executions/[executionId]/retry": { POST: "builder" },
  "agents/[agentId]/records": { GET: "viewer" },
  "agents/[agentId]/records/[recordId]": { DELETE: "builder" },
  "agents/[agentId]/webhooks": { GET: "viewer", POST: "builder" },
  "agents/[agentId]/webhooks/[webhookId]": { GET: "viewer", PATCH: "builder", DELETE: "builder" },
  "agents/[agentId]/webhooks/[webhookId]/key": { POST: "builder" },
  "agents/[agentId]/webhooks/[webhookId]/key-file": { GET: "builder" },
  "agents/[agentId]/webhooks/[webhookId]/rotate-key": { POST: "builder" },
  "agents/[agentId]/webhooks/[webhookId]/test-event": { POST: "builder" },
  "agents/[agentId]/webhooks/[webhookId]/deliveries": { GET: "viewer" },
  "agents/[agentId]/webhooks/[webhookId]/deliveries/[deliveryId]": { GET: "viewer" },
  "agents/[agentId]/webhooks/[webhookId]/deliveries/[deliveryId]/replay": { POST: "builder" },
  "workflows/[workflowId]": { GET: "viewer", PATCH: "builder", DELETE: "builder" },
  "workflows/[workflowId]/test-run": { POST: "builder" },
  users: { GET: "admin", POST: "admin" },
  "users/[userId]": { PATCH: "admin", DELETE: "admin" },
  audit: { GET: "admin" },
  tokens: { GET: "viewer", POST: "viewer" },
  "tokens/[tokenId]": { DELETE: "viewer" },
};

/**
 * Routes an API token may not call: managing one's own tokens (a leaked token must not mint or
 * hide others). Open to every role, viewers included: each manages only their own, within their role.
 */
const sessionOnlyRoutes = new Set(["tokens", "tokens/[tokenId]"]);

function managementRouteFiles(): string[] {
  return readdirSync(apiDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file === "route.ts" || file.endsWith(`${path.sep}route.ts`))
    .map((file) => path.dirname(file).split(path.sep).join("/"))
    .filter((route) => !publicRoutes.includes(route))
    .sort();
}

type RouteFunction = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Endpoint = {
  route: string;
  method: Method;
  role: Role;
  sessionOnly: boolean;
  call: (request: Request) => Promise<Response>;
};

async function loadEndpoints(): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const route of managementRouteFiles()) {
    const routeModule = (await import(path.join(apiDir, route, "route.ts"))) as Record<string, unknown>;
    // Every dynamic segment gets an id that exists nowhere: the access check comes before any lookup.
    const params = Object.fromEntries([...route.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name, `${name}_missing`]));
    for (const method of httpMethods) {
      const handler = routeModule[method];
      if (typeof handler !== "function") continue;
      endpoints.push({
        route,
        method,
        role: policy[route]?.[method] ?? ("unlisted" as Role),
        sessionOnly: sessionOnlyRoutes.has(route),
        call: (request) => (handler as RouteFunction)(request, { params: Promise.resolve(params) }),
      });
    }
  }
  return endpoints;
}

function requestFor(endpoint: Endpoint, opts: { cookie?: string; origin?: string; bearer?: string } = {}): Request {
  const url = `${baseUrl}/api/${endpoint.route}`;
  const headers: Record<string, string> = {
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.bearer !== undefined ? { authorization: `Bearer ${opts.bearer}` } : {}),
  };
  const request =
    endpoint.method === "GET"
      ? new Request(url, { headers })
      : new Request(url, {
          method: endpoint.method,
          headers: { ...headers, "content-type": "application/json" },
          body: "{}",
        });
  return opts.cookie ? withCookie(request, opts.cookie) : request;
}

async function errorCode(response: Response): Promise<string | undefined> {
  return response.status === 204 ? undefined : ((await response.json()) as { error?: { code: string } }).error?.code;
}

const isWrite = (method: Method) => method !== "GET";

describe("the route policy table", () => {
  it("lists exactly the management route files on disk", () => {
    expect(managementRouteFiles()).toEqual(Object.keys(policy).sort());
  });
});

describe.each(providers)("access to every management route on %s", (provider) => {
  const harness = useWebhookApp(provider);
  let endpoints: Endpoint[];
  const users = {} as Record<Role, TestUser>;
  // A token of each role, all of the owner: the token's role alone decides what it may do.
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    endpoints = await loadEndpoints();
    for (const role of roles) users[role] = await createTestUser({ db: harness.direct, role });
    for (const role of roles) tokens[role] = await createTestApiToken({ db: harness.direct, user: users.owner, role });
  });

  it("finds every method in the policy table", () => {
    const found = endpoints.map((endpoint) => `${endpoint.method} ${endpoint.route}`).sort();
    const listed = Object.entries(policy)
      .flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`))
      .sort();
    expect(found).toEqual(listed);
    expect(found.length).toBeGreaterThan(35);
  });

  it("answers 401 unauthenticated without a session, and with a cookie that opens none", async () => {
    for (const endpoint of endpoints) {
      for (const cookie of [undefined, "aw_session=" + "x".repeat(43), "aw_session=garbage"]) {
        const response = await endpoint.call(requestFor(endpoint, { cookie }));
        expect(response.status, `${endpoint.method} ${endpoint.route} with ${cookie ?? "no cookie"}`).toBe(401);
        expect(await errorCode(response)).toBe("unauthenticated");
      }
    }
  });

  it("answers 403 forbidden to every role below the route's, viewers included on every write", async () => {
    let checked = 0;
    for (const endpoint of endpoints) {
      for (const role of roles.slice(0, roles.indexOf(endpoint.role))) {
        const response = await endpoint.call(requestFor(endpoint, { cookie: users[role].cookie }));
        expect(response.status, `${role}: ${endpoint.method} ${endpoint.route}`).toBe(403);
        expect(await errorCode(response)).toBe("forbidden");
        checked += 1;
      }
      // Managing one's own API tokens is the one write a viewer makes (like changing their password).
      if (isWrite(endpoint.method) && !endpoint.sessionOnly)
        expect(endpoint.role, `${endpoint.method} ${endpoint.route} must not be open to viewers`).not.toBe("viewer");
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("lets the route's role and every role above it past the access check", async () => {
    for (const endpoint of endpoints) {
      for (const role of roles.slice(roles.indexOf(endpoint.role))) {
        const response = await endpoint.call(requestFor(endpoint, { cookie: users[role].cookie }));
        // Past the check, the made-up ids and empty bodies are answered 404 or 400 (or 200 for lists).
        expect([401, 403], `${role}: ${endpoint.method} ${endpoint.route}`).not.toContain(response.status);
        expect(response.status, `${role}: ${endpoint.method} ${endpoint.route}`).toBeLessThan(500);
      }
    }
  });

  it("refuses every cross-site state change (403 cross_site_request), and lets same-site ones through", async () => {
    for (const endpoint of endpoints.filter((candidate) => isWrite(candidate.method))) {
      const cookie = users.owner.cookie;
      for (const origin of ["https://evil.example", "null", "http://localhost.evil.example"]) {
        const response = await endpoint.call(requestFor(endpoint, { cookie, origin }));
        expect(response.status, `${endpoint.method} ${endpoint.route} from ${origin}`).toBe(403);
        expect(await errorCode(response)).toBe("cross_site_request");
      }
      const sameSite = await endpoint.call(requestFor(endpoint, { cookie, origin: baseUrl }));
      expect([401, 403], `${endpoint.method} ${endpoint.route} from its own site`).not.toContain(sameSite.status);
    }
  });

  it("answers 401 invalid_token to a bearer that opens nothing, never falling back to a live session cookie", async () => {
    for (const endpoint of endpoints) {
      for (const bearer of ["", "garbage", `awt_${"x".repeat(43)}`]) {
        const response = await endpoint.call(requestFor(endpoint, { cookie: users.owner.cookie, bearer }));
        expect(response.status, `${endpoint.method} ${endpoint.route} with Bearer "${bearer}"`).toBe(401);
        expect(await errorCode(response)).toBe("invalid_token");
      }
    }
  });

  it("gives a bearer token of each role a session's outcome, with no cross-site check; session-only routes refuse it", async () => {
    let sessionOnly = 0;
    for (const endpoint of endpoints) {
      for (const role of roles) {
        const label = `${role} token: ${endpoint.method} ${endpoint.route}`;
        // Writes are sent from another site too: a bearer request is not a browser's ambient credential.
        const origins = isWrite(endpoint.method) ? [undefined, "https://evil.example"] : [undefined];
        for (const origin of origins) {
          const response = await endpoint.call(requestFor(endpoint, { bearer: tokens[role], origin }));
          if (endpoint.sessionOnly) {
            expect(response.status, label).toBe(403);
            expect(await errorCode(response)).toBe("session_required");
            sessionOnly += 1;
          } else if (!hasRole(role, endpoint.role)) {
            expect(response.status, label).toBe(403);
            expect(await errorCode(response)).toBe("forbidden");
          } else {
            expect([401, 403], label).not.toContain(response.status);
            expect(response.status, label).toBeLessThan(500);
          }
        }
      }
    }
    expect(sessionOnly).toBeGreaterThan(0);
  });

  it("refuses a cross-site form POST that carries only a Referer", async () => {
    const endpoint = endpoints.find((candidate) => candidate.route === "agents" && candidate.method === "POST")!;
    const request = new Request(`${baseUrl}/api/agents`, {
      method: "POST",
      headers: {
        cookie: users.builder.cookie,
        referer: "https://evil.example/attack.html",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "name=pwned",
    });
    const response = await endpoint.call(request);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("cross_site_request");
    expect(await harness.direct.agent.count()).toBe(0);
  });
});
