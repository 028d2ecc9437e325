// The webhook feature as a client and a builder see it: the real route handlers and use cases,
// loaded fresh against a throwaway database per provider, plus helpers to sign and send requests.
import { createHmac } from "node:crypto";

import { afterAll, beforeAll, beforeEach, vi } from "vitest";

import type { Role } from "@/lib/auth/roles";
import { createClient, type Db } from "@/lib/db/create-client";

import { createTestUser, signedIn, type TestUser } from "./auth";
import {
  createEmptyDatabase,
  isProviderAvailable,
  skipUnlessAvailable,
  type EmptyDatabase,
  type Provider,
} from "./databases";

/** A fixed master key: tests never create or read a `master.key` file by accident. */
export const TEST_MASTER_KEY = "6b1f0c2e9d4a7b3c5e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f";
export const baseUrl = "http://localhost";

// lib/db and the ingest store keep their state here; each suite must start without the previous one's.
const appGlobal = globalThis as typeof globalThis & {
  __workbenchDb?: { ready: Promise<Db> };
  __ingestStore?: Promise<{ close(): Promise<void> }>;
};

export async function closeAppDb(): Promise<void> {
  const state = appGlobal.__workbenchDb;
  const store = appGlobal.__ingestStore;
  appGlobal.__workbenchDb = undefined;
  appGlobal.__ingestStore = undefined;
  // The ingest store has its own connection (a pg pool on PostgreSQL), closed before the database is dropped.
  await (await store?.catch(() => undefined))?.close();
  const db = await state?.ready.catch(() => undefined);
  await db?.$disconnect();
}

/** Sets environment variables and returns a function that puts the previous values back. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}

/** `session` gives the management routes the harness user's cookie; the public endpoint gets none. */
async function loadApp(session: <M extends object>(module: M) => M) {
  return {
    ingestRoute: await import("@/app/api/webhooks/[id]/route"),
    webhooksRoute: session(await import("@/app/api/agents/[agentId]/webhooks/route")),
    webhookRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/route")),
    keyRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/key/route")),
    keyFileRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/key-file/route")),
    rotateKeyRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/rotate-key/route")),
    testEventRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/test-event/route")),
    deliveriesRoute: session(await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/deliveries/route")),
    deliveryRoute: session(
      await import("@/app/api/agents/[agentId]/webhooks/[webhookId]/deliveries/[deliveryId]/route"),
    ),
    workflowRoute: session(await import("@/app/api/workflows/[workflowId]/route")),
    agentRoute: session(await import("@/app/api/agents/[agentId]/route")),
    db: await import("@/lib/db"),
    agents: await import("@/lib/agents/create-agent"),
    workflows: {
      ...(await import("@/lib/workflows/create-workflow")),
      ...(await import("@/lib/workflows/update-workflow")),
    },
    webhooks: {
      ...(await import("@/lib/webhooks/create-webhook")),
      ...(await import("@/lib/webhooks/update-webhook")),
      ...(await import("@/lib/webhooks/generate-webhook-key")),
      ...(await import("@/lib/webhooks/rotate-webhook-key")),
      ...(await import("@/lib/webhooks/send-test-event")),
    },
    ingest: await import("@/lib/webhooks/ingest/ingest"),
    getIngestSettings: (await import("@/lib/webhooks/ingest/ingest-settings")).getIngestSettings,
    cache: await import("@/lib/webhooks/ingest/webhook-cache"),
    loadIngestWebhook: (await import("@/lib/webhooks/ingest/load-ingest-webhook")).loadIngestWebhook,
    getIngestStore: (await import("@/lib/webhooks/ingest/get-ingest-store")).getIngestStore,
  };
}

export type App = Awaited<ReturnType<typeof loadApp>>;

export type IngestReply = {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  headers: Headers;
};

export function sign(privateKey: string, body: string | Uint8Array): string {
  return createHmac("sha256", privateKey).update(body).digest("hex");
}

/** A POST to the public endpoint; signed with `privateKey` over the exact body unless `signature` is given. */
export function webhookRequest(opts: {
  webhookId: string;
  body: string | Uint8Array;
  privateKey?: string;
  signature?: string | null;
  contentType?: string | null;
  headers?: Record<string, string>;
}): Request {
  const headers = new Headers(opts.headers);
  const contentType = opts.contentType === undefined ? "application/json" : opts.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  const signature =
    opts.signature !== undefined ? opts.signature : opts.privateKey ? sign(opts.privateKey, opts.body) : null;
  if (signature !== null) headers.set("x-signature", signature);
  // A Uint8Array body gets no default Content-Type (a string would get text/plain).
  const body = typeof opts.body === "string" ? new TextEncoder().encode(opts.body) : opts.body;
  return new Request(`${baseUrl}/api/webhooks/${opts.webhookId}`, {
    method: "POST",
    headers,
    body: body as Uint8Array<ArrayBuffer>,
  });
}

export type WebhookFixture = {
  agent: { id: string };
  workflow: { id: string; name: string; version: number };
  webhook: { id: string; name: string; endpoint: string };
  privateKey: string;
};

export type WebhookHarness = {
  readonly app: App;
  /** A second client on the same database, to check what the app really wrote. */
  readonly direct: Db;
  readonly database: EmptyDatabase;
  /** The signed-in user whose cookie `app`'s management routes send (a builder unless `role` says otherwise). */
  readonly user: TestUser;
  /** A route module whose methods send the harness user's cookie, for routes loaded by the test itself. */
  signedIn: <M extends object>(module: M) => M;
  post: (request: Request, webhookId?: string) => Promise<IngestReply>;
  /**
   * An agent, a workflow (at `workflowVersion`), and a webhook running it with a key (unless
   * `withKey` is false); `settings` are more fields of the create input (signatureScheme, rate limit, allow-list).
   */
  createWebhook: (opts?: {
    name?: string;
    workflowVersion?: number;
    withKey?: boolean;
    settings?: Record<string, unknown>;
  }) => Promise<WebhookFixture>;
};

/**
 * Registers hooks giving the enclosing provider suite the app on a fresh database: environment
 * set before any module is imported, modules loaded fresh, the database migrated as at start-up.
 */
export function useWebhookApp(
  provider: Provider,
  opts: { env?: Record<string, string>; role?: Role } = {},
): WebhookHarness {
  skipUnlessAvailable(provider);
  let database: EmptyDatabase | undefined;
  let app: App | undefined;
  let direct: Db | undefined;
  let user: TestUser | undefined;
  let restoreEnv: (() => void) | undefined;
  const session = <M extends object>(module: M) => signedIn(module, () => harness.user.cookie);

  beforeAll(async () => {
    if (!isProviderAvailable(provider)) return;
    database = await createEmptyDatabase(provider);
    await closeAppDb();
    restoreEnv = setEnv({
      DATABASE_URL: database.databaseUrl,
      WORKBENCH_MASTER_KEY: TEST_MASTER_KEY,
      WORKBENCH_PUBLIC_URL: undefined,
      // As behind one reverse proxy: a test picks its client's address with X-Forwarded-For.
      WORKBENCH_TRUSTED_PROXY_HOPS: "1",
      ...opts.env,
    });
    // lib/env and lib/crypto/master-key cache what they read: fresh modules see this suite's values.
    vi.resetModules();
    app = await loadApp(session);
    await app.db.getDb();
    direct = createClient(database.target);
    user = await createTestUser({ db: direct, role: opts.role ?? "builder" });
  });
  afterAll(async () => {
    await closeAppDb();
    await direct?.$disconnect();
    await database?.drop();
    restoreEnv?.();
  });
  beforeEach(async () => {
    // Everything the tests create hangs off an agent and goes with it (ON DELETE CASCADE).
    if (direct) await direct.agent.deleteMany();
  });

  const harness: WebhookHarness = {
    get app() {
      if (!app) throw new Error("The app is not loaded (used outside a test?)");
      return app;
    },
    get direct() {
      if (!direct) throw new Error("The test database is not ready (used outside a test?)");
      return direct;
    },
    get database() {
      if (!database) throw new Error("The test database is not ready (used outside a test?)");
      return database;
    },
    get user() {
      if (!user) throw new Error("The test user is not ready (used outside a test?)");
      return user;
    },
    signedIn: session,
    async post(request, webhookId) {
      const id = webhookId ?? decodeURIComponent(new URL(request.url).pathname.split("/").pop() ?? "");
      const response = await harness.app.ingestRoute.POST(request, { params: Promise.resolve({ id }) });
      return { status: response.status, body: await response.json(), headers: response.headers };
    },
    async createWebhook(fixture = {}) {
      const { app, direct: db } = harness;
      const agent = await app.agents.createAgent({ db, input: { name: "Agent" } });
      let workflow = await app.workflows.createWorkflow({ db, agentId: agent.id, input: { name: "Flow" } });
      for (let version = 1; version < (fixture.workflowVersion ?? 1); version++) {
        workflow = await app.workflows.updateWorkflow({
          actor: { id: null, email: "builder@example.com" },
          db,
          workflowId: workflow.id,
          input: {
            definition: { steps: [{ id: `s${version}`, type: "transform", config: { expression: "trigger.body" } }] },
          },
        });
      }
      const webhook = await app.webhooks.createWebhook({
        db,
        agentId: agent.id,
        // Off unless a test asks for it: most tests resend one body and expect each copy to be accepted.
        input: {
          name: fixture.name ?? "OCR results",
          workflowId: workflow.id,
          replayProtection: false,
          ...fixture.settings,
        },
        baseUrl,
      });
      if (fixture.withKey === false) return { agent, workflow, webhook, privateKey: "" };
      const { keyFile } = await app.webhooks.generateWebhookKey({
        db,
        agentId: agent.id,
        webhookId: webhook.id,
        baseUrl,
      });
      return { agent, workflow, webhook, privateKey: keyFile.privateKey };
    },
  };
  return harness;
}
