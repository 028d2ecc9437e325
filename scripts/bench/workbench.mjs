// Our side: the production server (`node server.mjs`) on the bench's database, and the agent,
// workflow, webhook and key the load is sent to, created through the management API.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { startProcess } from "./processes.mjs";

export const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** Steps --steps can name: a Transform that reshapes the payment, a Record Write that stores it by id. */
const stepTypes = {
  transform: {
    id: "transform",
    type: "transform",
    config: {
      expression:
        '{ "paymentId": trigger.body.paymentId, "amount": trigger.body.amount, "currency": trigger.body.currency }',
    },
  },
  record: (steps) => ({
    id: "record",
    type: "record_write",
    config: {
      collection: "payments",
      key: "{{ trigger.body.paymentId }}",
      data: steps.includes("transform") ? "steps.transform" : "trigger.body",
      mode: "merge",
    },
  }),
};

export function workflowSteps(names) {
  for (const name of names)
    if (!(name in stepTypes)) throw new Error(`unknown step "${name}" (known: ${Object.keys(stepTypes).join(", ")})`);
  return names.map((name) => (typeof stepTypes[name] === "function" ? stepTypes[name](names) : stepTypes[name]));
}

async function waitHealthy(origin, server) {
  let exited = false;
  server.exited.then(() => (exited = true));
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${origin}/api/health`).catch(() => null))?.ok) return;
    if (exited) throw new Error("the server exited during start-up");
    await sleep(200);
  }
  throw new Error("the server did not become healthy within 60 s");
}

/** Starts the server; returns { origin, pid, stop, createWebhook({ steps }) → { url, privateKey } }. */
export async function startWorkbench({ database, port, worker }) {
  const origin = `http://127.0.0.1:${port}`;
  // The management API needs a session: the server creates this owner at start-up.
  const owner = { email: "bench@example.com", password: randomBytes(16).toString("hex") };
  const server = startProcess({
    name: "the server",
    command: process.execPath,
    args: [path.join(root, "server.mjs")],
    cwd: root,
    env: {
      ...process.env,
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      WORKBENCH_WORKER: worker ? "on" : "off",
      DATABASE_URL: database.url,
      WORKBENCH_DATA_DIR: database.dataDir,
      WORKBENCH_MASTER_KEY: randomBytes(32).toString("hex"),
      WORKBENCH_OWNER_EMAIL: owner.email,
      WORKBENCH_OWNER_PASSWORD: owner.password,
    },
  });
  await waitHealthy(origin, server);

  let cookie = "";
  async function api(method, pathname, body) {
    const headers = { "content-type": "application/json", ...(cookie ? { cookie } : {}) };
    const response = await fetch(origin + pathname, { method, headers, body: body && JSON.stringify(body) });
    const payload = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${JSON.stringify(payload)}`);
    cookie = response.headers.get("set-cookie")?.split(";")[0] ?? cookie;
    return payload;
  }
  await api("POST", "/api/auth/login", owner);

  async function createWebhook({ steps }) {
    const { agent } = await api("POST", "/api/agents", { name: "Bench agent" });
    const { workflow } = await api("POST", `/api/agents/${agent.id}/workflows`, {
      name: "Bench workflow",
      definition: { steps },
    });
    // The bench measures throughput: the webhook's own rate limit is the highest allowed, and
    // replay protection is off since a static body is sent over and over.
    const { webhook } = await api("POST", `/api/agents/${agent.id}/webhooks`, {
      name: "Bench webhook",
      workflowId: workflow.id,
      replayProtection: false,
      rateLimitPerSecond: 10_000,
      rateLimitBurst: 100_000,
    });
    const { keyFile } = await api("POST", `/api/agents/${agent.id}/webhooks/${webhook.id}/key`);
    return { url: `${origin}/api/webhooks/${webhook.id}`, privateKey: keyFile.privateKey };
  }

  return { origin, pid: server.pid, stop: server.stop, createWebhook };
}
