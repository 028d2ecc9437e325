// safeFetch against real local servers: internal addresses are refused before any byte reaches
// them (literal IPs, names resolving to them, redirect hops), unless the allow-list names them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";

import { emptyAllowList, parseAllowList } from "./address-policy";
import { getGuardedAgent } from "./guarded-agent";
import { OutboundRequestError } from "./outbound-request-error";
import { safeFetch } from "./safe-fetch";

let server: LocalServer;
let redirectTarget = "";

beforeAll(async () => {
  server = await startLocalServer(async (request, response) => {
    const path = request.path;
    if (path === "/json") return sendJson(response, 200, { ok: true });
    if (path === "/redirect") {
      response.writeHead(302, { location: redirectTarget });
      return response.end();
    }
    if (path === "/see-other") {
      response.writeHead(303, { location: "/echo" });
      return response.end();
    }
    if (path === "/loop") {
      response.writeHead(307, { location: "/loop" });
      return response.end();
    }
    if (path === "/echo")
      return sendJson(response, 200, {
        method: request.method,
        body: request.body,
        authorization: request.headers.authorization ?? null,
      });
    if (path === "/big-declared") {
      response.writeHead(200, { "content-length": "2000" });
      return response.end("x".repeat(2000));
    }
    if (path === "/big-chunked") {
      response.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 4; i++) response.write("y".repeat(500));
      return response.end();
    }
    if (path === "/hang") return; // never answers
    response.writeHead(404);
    response.end();
  });
});
afterAll(() => server.close());

async function failureOf(promise: Promise<unknown>): Promise<OutboundRequestError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundRequestError);
  return error as OutboundRequestError;
}

describe("default policy", () => {
  it.each([
    ["a literal loopback IP", () => `${server.origin}/json`, /^Refused to connect to 127\.0\.0\.1 \(loopback\)/],
    [
      "a name resolving to loopback",
      () => `http://localhost:${server.port}/json`,
      /^Refused to connect to localhost \(resolves to (127\.0\.0\.1|::1), loopback\)/,
    ],
    [
      "a decimal IPv4 form",
      () => `http://2130706433:${server.port}/json`,
      /^Refused to connect to 127\.0\.0\.1 \(loopback\)/,
    ],
    ["a hex IPv4 form", () => `http://0x7f.1:${server.port}/json`, /^Refused to connect to 127\.0\.0\.1 \(loopback\)/],
    [
      "an IPv4-mapped IPv6 literal",
      () => `http://[::ffff:127.0.0.1]:${server.port}/json`,
      /^Refused to connect to 127\.0\.0\.1 \(loopback\)/,
    ],
    ["the metadata service", () => "http://169.254.169.254/latest/meta-data/", /cloud metadata service/],
  ])("refuses %s, and nothing reaches the server", async (_name, url, message) => {
    const before = server.received.length;
    const error = await failureOf(safeFetch({ url: url(), allowList: emptyAllowList }));
    expect(error.failure).toBe("refused");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(message);
    expect(error.message).toContain("WORKFLOW_HTTP_ALLOW");
    expect(server.received.length).toBe(before);
  });

  it("checks the address the socket reached even when called below safeFetch", async () => {
    const before = server.received.length;
    const request = getGuardedAgent(emptyAllowList).request({ origin: server.origin, path: "/json", method: "GET" });
    await expect(request).rejects.toThrow(/^Refused to connect to 127\.0\.0\.1 \(loopback\)/);
    expect(server.received.length).toBe(before);
  });

  it.each([
    ["ftp://example.com/file", /Only http and https/],
    ["file:///etc/passwd", /Only http and https/],
    ["http://user:pass@example.com/", /credentials/],
    ["not a url", /Not a valid URL/],
  ])("rejects %s", async (url, message) => {
    const error = await failureOf(safeFetch({ url, allowList: emptyAllowList }));
    expect(error.failure).toBe("invalid_url");
    expect(error.message).toMatch(message);
  });
});

describe("allow-list", () => {
  it.each([["127.0.0.1/32"], ["127.0.0.1"], ["localhost"]])("%s lets a request through", async (allow) => {
    const host = allow === "localhost" ? `localhost:${server.port}` : `127.0.0.1:${server.port}`;
    const response = await safeFetch({ url: `http://${host}/json`, allowList: parseAllowList(allow) });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
  });

  it("allowing a name does not allow the IP it resolves to", async () => {
    const error = await failureOf(safeFetch({ url: `${server.origin}/json`, allowList: parseAllowList("localhost") }));
    expect(error.failure).toBe("refused");
  });
});

describe("redirects", () => {
  const allowLocalhost = parseAllowList("localhost");

  it.each([
    ["a literal loopback IP", () => `http://127.0.0.1:${server.port}/json`, /127\.0\.0\.1 \(loopback\)/],
    ["IPv6 loopback", () => `http://[::1]:${server.port}/json`, /::1 \(loopback\)/],
    [
      "the metadata service",
      () => "http://169.254.169.254/latest/meta-data/",
      /169\.254\.169\.254 \(link-local, cloud metadata service\)/,
    ],
    ["a private address", () => "http://10.0.0.1/admin", /10\.0\.0\.1 \(private\)/],
  ])("from an allowed host to %s are refused", async (_name, target, message) => {
    redirectTarget = target();
    const before = server.received.length;
    const error = await failureOf(
      safeFetch({ url: `http://localhost:${server.port}/redirect`, allowList: allowLocalhost }),
    );
    expect(error.failure).toBe("refused");
    expect(error.message).toMatch(message);
    // Only the redirecting request arrived; the hop to the internal address was never made.
    expect(server.received.slice(before).map((request) => request.path)).toEqual(["/redirect"]);
  });

  it("to a non-http scheme are refused", async () => {
    redirectTarget = "file:///etc/passwd";
    const error = await failureOf(
      safeFetch({ url: `http://localhost:${server.port}/redirect`, allowList: allowLocalhost }),
    );
    expect(error.failure).toBe("invalid_url");
  });

  it("within allowed hosts are followed; 303 turns a POST into a GET", async () => {
    const response = await safeFetch({
      url: `http://localhost:${server.port}/see-other`,
      method: "POST",
      body: "payload",
      headers: { "content-type": "text/plain" },
      allowList: allowLocalhost,
    });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`http://localhost:${server.port}/echo`);
    expect(JSON.parse(response.body.toString())).toMatchObject({ method: "GET", body: "" });
  });

  it("keep credentials on the same origin and drop them on another", async () => {
    const allowBoth = parseAllowList("localhost,127.0.0.1");
    redirectTarget = `http://localhost:${server.port}/echo`;
    const same = await safeFetch({
      url: `http://localhost:${server.port}/redirect`,
      headers: { Authorization: "Bearer secret" },
      allowList: allowBoth,
    });
    expect(JSON.parse(same.body.toString()).authorization).toBe("Bearer secret");
    redirectTarget = `http://127.0.0.1:${server.port}/echo`;
    const other = await safeFetch({
      url: `http://localhost:${server.port}/redirect`,
      headers: { Authorization: "Bearer secret" },
      allowList: allowBoth,
    });
    expect(other.url).toBe(`http://127.0.0.1:${server.port}/echo`);
    expect(JSON.parse(other.body.toString()).authorization).toBeNull();
  });

  it("stop after the limit", async () => {
    const before = server.received.length;
    const error = await failureOf(
      safeFetch({ url: `http://localhost:${server.port}/loop`, allowList: allowLocalhost, maxRedirects: 3 }),
    );
    expect(error.failure).toBe("too_many_redirects");
    expect(server.received.length - before).toBe(4);
  });
});

describe("limits", () => {
  const allowList = parseAllowList("127.0.0.1");

  it.each([["/big-declared"], ["/big-chunked"]])("refuses a body over the cap (%s)", async (path) => {
    const error = await failureOf(safeFetch({ url: `${server.origin}${path}`, allowList, maxResponseBytes: 1024 }));
    expect(error.failure).toBe("too_large");
    expect(error.message).toContain("larger than 1024 bytes");
  });

  it("reads a body exactly at the cap", async () => {
    const response = await safeFetch({ url: `${server.origin}/big-chunked`, allowList, maxResponseBytes: 2000 });
    expect(response.body.length).toBe(2000);
  });

  it("gives up when the signal times out", async () => {
    const error = await failureOf(
      safeFetch({ url: `${server.origin}/hang`, allowList, signal: AbortSignal.timeout(200) }),
    );
    expect(error.failure).toBe("aborted");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`Request to ${server.origin} timed out`);
  });
});
