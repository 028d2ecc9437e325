// The real server process (server.mjs on the production build): the client's address comes from
// the connection, so a made-up X-Forwarded-For (or peer header) never escapes sign-in
// throttling and two clients are never one bucket; endless bodies are cut off at the cap; the
// icon is served. Needs `npx next build` first.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.dirname(new URL(import.meta.url).pathname);
const built = existsSync(path.join(root, ".next", "BUILD_ID"));
if (!built && process.env.CI === "true")
  throw new Error("server.integration.test.ts needs a build: run `npx next build`");

const owner = { email: "owner@example.com", password: "owner password 1234" };
type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

let server: ChildProcess | undefined;
let port = 0;
let dataDir = "";

/** One request from `localAddress` (127.0.0.1 unless given), as a client on that address would send it. */
function send(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  localAddress?: string;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: opts.headers,
        localAddress: opts.localAddress ?? "127.0.0.1",
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const signIn = (opts: { email: string; password: string; localAddress?: string; headers?: Record<string, string> }) =>
  send({
    method: "POST",
    path: "/api/auth/login",
    headers: { "content-type": "application/json", ...opts.headers },
    body: JSON.stringify({ email: opts.email, password: opts.password }),
    localAddress: opts.localAddress,
  });

/** A chunked JSON body that never ends: resolves with the status the server answers while it is still coming. */
type EndlessReply = { status: number; body: string; sentBytes: number };

/**
 * The server closes the connection right after its 413; a write racing that close fails with EPIPE
 * (or a reset) before the client has parsed the answer already on the wire. Such an attempt
 * tells nothing either way, so it is repeated (a few times at most).
 */
async function sendEndlessBody(requestPath: string): Promise<EndlessReply> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendEndlessBodyOnce(requestPath);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== "EPIPE" && code !== "ECONNRESET")) throw error;
    }
  }
}

function sendEndlessBodyOnce(requestPath: string): Promise<EndlessReply> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: requestPath, agent: false }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text: string) => (body += text));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytes });
      });
    });
    req.setHeader("content-type", "application/json");
    req.setHeader("transfer-encoding", "chunked");
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && !req.destroyed) {
        sentBytes += chunk.byteLength;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

describe.skipIf(!built)("server.mjs", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "aw-server-"));
    server = spawn(process.execPath, [path.join(root, "server.mjs")], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        HOSTNAME: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: "",
        WORKBENCH_DATA_DIR: dataDir,
        WORKBENCH_MASTER_KEY: randomBytes(32).toString("hex"),
        WORKBENCH_OWNER_EMAIL: owner.email,
        WORKBENCH_OWNER_PASSWORD: owner.password,
        WORKBENCH_WORKER: "off",
        WORKBENCH_TRUSTED_PROXY_HOPS: "0",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    // PORT=0 lets the system pick a free port; the server names it when it listens.
    port = await new Promise<number>((resolve, reject) => {
      let output = "";
      server!.stdout!.on("data", (data: Buffer) => {
        output += data.toString();
        const match = /listening on [^\s]+:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      server!.once("exit", (code) => reject(new Error(`server.mjs exited (${code}) before listening: ${output}`)));
    });
    server.stdout!.resume();
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("throttles a client by its connection however it rewrites X-Forwarded-For; another client is not locked out", async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const reply = await signIn({
        email: `guess-${attempt}@example.com`,
        password: "wrong password",
        headers: { "x-forwarded-for": `203.0.113.${attempt}`, "x-workbench-peer-ip": `198.51.100.${attempt}` },
      });
      expect(reply.status).toBe(401);
    }
    const locked = await signIn({
      ...owner,
      headers: { "x-forwarded-for": "192.0.2.99", "x-workbench-peer-ip": "192.0.2.98" },
    });
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body).error.code).toBe("too_many_attempts");

    const elsewhere = await signIn({ ...owner, localAddress: "127.0.0.2" });
    expect(elsewhere.status).toBe(200);

    // The session and the audit log name the real address, not a header's.
    const db = new Database(path.join(dataDir, "workbench.db"), { readonly: true });
    try {
      expect(db.prepare(`SELECT ip FROM "Session"`).all()).toEqual([{ ip: "127.0.0.2" }]);
      const failures = db.prepare(`SELECT DISTINCT ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed'`).all();
      expect(failures).toEqual([{ ip: "127.0.0.1" }]);
    } finally {
      db.close();
    }
  }, 60_000);

  it.each(["/api/auth/login", "/api/setup"])(
    "answers an endless body to %s with 413 payload_too_large while it is still being sent",
    async (requestPath) => {
      const reply = await sendEndlessBody(requestPath);
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body).error.code).toBe("payload_too_large");
    },
    60_000,
  );

  it("serves the icon at /favicon.ico", async () => {
    const reply = await send({ path: "/favicon.ico" });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("image/x-icon");
  });
});
