import { execFile, spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { verifyStandardWebhook } from "@/lib/webhooks/signing/standard-webhooks";

import { getIntegrationSnippets, type IntegrationSnippets } from "./integration-snippets";

const run = promisify(execFile);
// A space and a quote in the name prove the snippets quote it for the shell and as string literals.
const keyFileName = "Bob's orders-private-key.json";
const privateKey = `awk_${randomBytes(32).toString("base64url")}`;
const standardKeyFileName = "Bob's payments-private-key.json";
const standardSecret = `whsec_${randomBytes(32).toString("base64")}`;

type Received = {
  method?: string;
  contentType?: string;
  signature?: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};
let server: Server;
let received: Received[] = [];
let endpoint = "";
let workDir = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method,
        contentType: request.headers["content-type"],
        signature: request.headers["x-signature"] as string | undefined,
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(202, { "content-type": "application/json" }).end('{"deliveryId":"d1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/wh_123`;
  workDir = await mkdtemp(path.join(tmpdir(), "aw-snippets-"));
  const keyFile = {
    webhookId: "wh_123",
    name: "Bob's orders",
    endpoint,
    privateKey,
    algorithm: "HMAC-SHA256",
    signatureHeader: "x-signature",
    signatureEncoding: "hex",
  };
  await writeFile(path.join(workDir, keyFileName), JSON.stringify(keyFile, null, 2));
  const standardKeyFile = {
    ...keyFile,
    name: "Bob's payments",
    privateKey: standardSecret,
    scheme: "standard-webhooks",
    signatureHeader: "webhook-signature",
    signatureEncoding: "base64",
  };
  await writeFile(path.join(workDir, standardKeyFileName), JSON.stringify(standardKeyFile, null, 2));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  received = [];
});

async function runSnippet(opts: { command: string; fileName: string; code: string }) {
  await writeFile(path.join(workDir, opts.fileName), opts.code);
  const { stdout } = await run(opts.command, [opts.fileName], { cwd: workDir, timeout: 20_000 });
  return stdout;
}

/** What the Workbench checks: the signature is the hex HMAC of the exact bytes that arrived. */
function expectOneValidlySignedRequest() {
  expect(received).toHaveLength(1);
  const [request] = received;
  expect(request.method).toBe("POST");
  expect(request.contentType).toBe("application/json");
  expect(request.body.length).toBeGreaterThan(0);
  expect(JSON.parse(request.body.toString("utf8"))).toEqual({
    event: "example",
    data: { message: "Hello from my system" },
  });
  expect(request.signature).toBe(createHmac("sha256", privateKey).update(request.body).digest("hex"));
}

describe("getIntegrationSnippets", () => {
  it.each(["curl", "node", "python"] as const)(
    "the %s snippet names the endpoint, the header, the algorithm and the key file",
    (language) => {
      const snippet = getIntegrationSnippets({
        endpoint: "https://workbench.example.com/api/webhooks/wh_1",
        keyFileName: "orders-private-key.json",
      })[language];
      expect(snippet).toContain("https://workbench.example.com/api/webhooks/wh_1");
      expect(snippet).toContain("x-signature");
      expect(snippet.toLowerCase()).toMatch(/hmac/);
      expect(snippet.toLowerCase()).toMatch(/sha256/);
      expect(snippet).toContain("orders-private-key.json");
      expect(snippet).toContain("privateKey");
    },
  );

  it("runs as Python and signs the exact body it sends", async () => {
    const stdout = await runSnippet({
      command: "python3",
      fileName: "send_webhook.py",
      code: getIntegrationSnippets({ endpoint, keyFileName }).python,
    });
    expect(stdout).toContain("202");
    expectOneValidlySignedRequest();
  });

  it("runs as Node.js and signs the exact body it sends", async () => {
    const stdout = await runSnippet({
      command: process.execPath,
      fileName: "send-webhook.mjs",
      code: getIntegrationSnippets({ endpoint, keyFileName }).node,
    });
    expect(stdout).toContain("202");
    expectOneValidlySignedRequest();
  });

  const missingTools = ["curl", "openssl", "jq"].filter(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0,
  );
  const curlTitle = missingTools.length
    ? `runs as a shell script with curl (SKIPPED: ${missingTools.join(", ")} not installed here)`
    : "runs as a shell script with curl and signs the exact body it sends";
  it.skipIf(missingTools.length > 0)(curlTitle, async () => {
    const stdout = await runSnippet({
      command: "sh",
      fileName: "send-webhook.sh",
      code: getIntegrationSnippets({ endpoint, keyFileName }).curl,
    });
    expect(stdout).toContain("HTTP 202");
    expectOneValidlySignedRequest();
  });
});

/** What the Workbench checks for Standard Webhooks: a v1 signature of "id.timestamp.body" under the decoded secret, within 5 minutes. */
function expectOneStandardWebhooksRequest() {
  expect(received).toHaveLength(1);
  const [request] = received;
  expect(request.method).toBe("POST");
  expect(request.contentType).toBe("application/json");
  expect(request.signature).toBeUndefined();
  expect(JSON.parse(request.body.toString("utf8"))).toEqual({
    event: "example",
    data: { message: "Hello from my system" },
  });
  const header = (name: string) => request.headers[name] as string | undefined;
  expect(header("webhook-id")).toMatch(/^msg_[\w-]+$/);
  const verification = verifyStandardWebhook({
    rawBody: request.body,
    headers: {
      id: header("webhook-id") ?? null,
      timestamp: header("webhook-timestamp") ?? null,
      signature: header("webhook-signature") ?? null,
    },
    keys: [{ privateKey: standardSecret, label: "current" }],
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  expect(verification).toMatchObject({ ok: true });
}

describe("getIntegrationSnippets for Standard Webhooks", () => {
  const snippets = () =>
    getIntegrationSnippets({ endpoint, keyFileName: standardKeyFileName, scheme: "standard-webhooks" });

  it.each(["curl", "node", "python"] as const)(
    "the %s snippet names the endpoint, the three headers and the key file",
    (language) => {
      const snippet = getIntegrationSnippets({
        endpoint: "https://workbench.example.com/api/webhooks/wh_1",
        keyFileName: "orders-private-key.json",
        scheme: "standard-webhooks",
      })[language];
      expect(snippet).toContain("https://workbench.example.com/api/webhooks/wh_1");
      for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) expect(snippet).toContain(header);
      expect(snippet).toContain("whsec_");
      expect(snippet).toContain("v1,");
      expect(snippet).not.toContain("x-signature");
    },
  );

  it("runs as Python and signs id, timestamp and the exact body", async () => {
    const stdout = await runSnippet({ command: "python3", fileName: "send_standard.py", code: snippets().python });
    expect(stdout).toContain("202");
    expectOneStandardWebhooksRequest();
  });

  it("runs as Node.js and signs id, timestamp and the exact body", async () => {
    const stdout = await runSnippet({
      command: process.execPath,
      fileName: "send-standard.mjs",
      code: snippets().node,
    });
    expect(stdout).toContain("202");
    expectOneStandardWebhooksRequest();
  });

  const missingTools = ["curl", "openssl", "jq", "od"].filter(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0,
  );
  it.skipIf(missingTools.length > 0)(
    missingTools.length
      ? `runs as a shell script with curl (SKIPPED: ${missingTools.join(", ")} not installed here)`
      : "runs as a shell script with curl and signs id, timestamp and the exact body",
    async () => {
      const stdout = await runSnippet({ command: "sh", fileName: "send-standard.sh", code: snippets().curl });
      expect(stdout).toContain("HTTP 202");
      expectOneStandardWebhooksRequest();
    },
  );
});

describe("getIntegrationSnippets with the workflow's sample body", () => {
  // A quote, a backslash and non-ASCII text prove each language writes the body literally.
  const body = { event: "client.updated", clientId: "cli_1", note: 'Bob\'s "VIP" \\ café', tags: [1, true, null] };
  const missingTools = ["curl", "openssl", "jq"].filter(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0,
  );
  const languages: [keyof IntegrationSnippets, string, string][] = [
    ["python", "python3", "send_webhook.py"],
    ["node", process.execPath, "send-webhook.mjs"],
    ...(missingTools.length ? [] : [["curl", "sh", "send-webhook.sh"] as [keyof IntegrationSnippets, string, string]]),
  ];

  it.each(languages)("the %s snippet sends that body, signed", async (language, command, fileName) => {
    const code = getIntegrationSnippets({ endpoint, keyFileName, body })[language];
    expect(await runSnippet({ command, fileName, code })).toContain("202");
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body.toString("utf8"))).toEqual(body);
    expect(received[0].signature).toBe(createHmac("sha256", privateKey).update(received[0].body).digest("hex"));
  });

  it.each(languages)("the Standard Webhooks %s snippet sends that body", async (language, command, fileName) => {
    const code = getIntegrationSnippets({
      endpoint,
      keyFileName: standardKeyFileName,
      scheme: "standard-webhooks",
      body,
    })[language];
    expect(await runSnippet({ command, fileName, code })).toContain("202");
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body.toString("utf8"))).toEqual(body);
    expect(received[0].headers["webhook-signature"]).toMatch(/^v1,/);
  });
});
