// The HTTP Request step against a real local server, allowed through WORKFLOW_HTTP_ALLOW as an
// operator would; and the same request refused when the setting does not name it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";
import { runContext, servicesWithoutDb } from "@/test/run-context";

let server: LocalServer;
const previousAllow = process.env.WORKFLOW_HTTP_ALLOW;

/** The step and its error class, loaded fresh so lib/env reads WORKFLOW_HTTP_ALLOW as given. */
async function loadStep(allow: string | undefined) {
  if (allow === undefined) delete process.env.WORKFLOW_HTTP_ALLOW;
  else process.env.WORKFLOW_HTTP_ALLOW = allow;
  vi.resetModules();
  const { httpRequestStep } = await import("./http-request");
  const { httpRequestConfig } = await import("./step-schemas");
  const { PermanentStepError } = await import("./step-handler");
  const run = (config: unknown, opts: { body?: unknown; signal?: AbortSignal } = {}) =>
    httpRequestStep.run({
      config: httpRequestConfig.parse(config),
      context: runContext({ body: opts.body }),
      services: servicesWithoutDb(opts.signal),
    });
  return { run, PermanentStepError };
}

beforeAll(async () => {
  server = await startLocalServer((request, response) => {
    if (request.path.startsWith("/status/"))
      return sendJson(response, Number(request.path.split("?")[0].split("/")[2]), { error: "nope" });
    if (request.path === "/text") {
      response.writeHead(200, { "content-type": "text/plain" });
      return response.end("plain words");
    }
    if (request.path === "/bad-json") {
      response.writeHead(200, { "content-type": "application/json" });
      return response.end("{not json");
    }
    if (request.path === "/hang") return;
    sendJson(response, 200, {
      method: request.method,
      path: request.path,
      contentType: request.headers["content-type"] ?? null,
      auth: request.headers.authorization ?? null,
      body: request.body,
    });
  });
});
afterAll(async () => {
  await server.close();
  if (previousAllow === undefined) delete process.env.WORKFLOW_HTTP_ALLOW;
  else process.env.WORKFLOW_HTTP_ALLOW = previousAllow;
});

describe("http_request allowed by WORKFLOW_HTTP_ALLOW", () => {
  let step: Awaited<ReturnType<typeof loadStep>>;
  beforeAll(async () => {
    step = await loadStep("127.0.0.1/32");
  });

  it("renders URL and headers, and parses a JSON answer", async () => {
    const { output } = await step.run(
      {
        url: `${server.origin}/docs/{{ trigger.body.documentId }}?v={{ trigger.body.version }}`,
        headers: { Authorization: "Bearer {{ trigger.body.token }}" },
      },
      { body: { documentId: "doc-7", version: 2, token: "t0k" } },
    );
    expect(output).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
    expect((output as { body: unknown }).body).toEqual({
      method: "GET",
      path: "/docs/doc-7?v=2",
      contentType: null,
      auth: "Bearer t0k",
      body: "",
    });
  });

  it("reports the rendered request as its input, credentials redacted", async () => {
    const { input } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo?id={{ trigger.body.id }}`,
        headers: {
          Authorization: "Bearer {{ trigger.body.token }}",
          "X-Api-Key": "k",
          "X-Trace": "{{ trigger.body.id }}",
        },
        body: { id: "{{ trigger.body.id }}" },
      },
      { body: { id: "d1", token: "t0k" } },
    );
    expect(input).toEqual({
      method: "POST",
      url: `${server.origin}/echo?id=d1`,
      headers: {
        authorization: "[redacted]",
        "x-api-key": "[redacted]",
        "x-trace": "d1",
        "content-type": "application/json",
      },
      body: '{"id":"d1"}',
    });
  });

  it("sends an object body as JSON, its strings rendered with their types", async () => {
    const { output } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo`,
        body: {
          id: "{{ trigger.body.documentId }}",
          pages: "{{ trigger.body.pages }}",
          tags: ["{{ trigger.body.tag }}"],
        },
      },
      { body: { documentId: "doc-7", pages: 12, tag: "ocr" } },
    );
    const echoed = (output as { body: { contentType: string; body: string } }).body;
    expect(echoed.contentType).toBe("application/json");
    expect(JSON.parse(echoed.body)).toEqual({ id: "doc-7", pages: 12, tags: ["ocr"] });
  });

  it("sends a whole-template body that renders to an object as JSON", async () => {
    const { output } = await step.run(
      { method: "PUT", url: `${server.origin}/echo`, body: "{{ trigger.body }}" },
      { body: { a: 1 } },
    );
    expect((output as { body: { body: string } }).body.body).toBe('{"a":1}');
  });

  it("sends a string body as written, with the Content-Type given", async () => {
    const { output } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo`,
        headers: { "Content-Type": "text/csv" },
        body: "id,total\n{{ trigger.body.id }},5",
      },
      { body: { id: "x" } },
    );
    expect((output as { body: unknown }).body).toMatchObject({ contentType: "text/csv", body: "id,total\nx,5" });
  });

  it("sends a string body as text/plain when no Content-Type is given", async () => {
    const { output } = await step.run({ method: "POST", url: `${server.origin}/echo`, body: "hello" });
    expect((output as { body: unknown }).body).toMatchObject({
      contentType: "text/plain; charset=utf-8",
      body: "hello",
    });
  });

  type Echo = { body: { contentType: string; body: string } };
  const echoed = (output: unknown) => (output as Echo).body;

  it("json mode: evaluates the body as a JSONata expression and sends its value as application/json", async () => {
    const { output, input } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo`,
        bodyMode: "json",
        body: '{ "id": trigger.body.documentId, "pages": trigger.body.pages * 2, "tags": [trigger.body.tag] }',
      },
      { body: { documentId: "doc-7", pages: 6, tag: "ocr" } },
    );
    expect(echoed(output).contentType).toBe("application/json");
    expect(JSON.parse(echoed(output).body)).toEqual({ id: "doc-7", pages: 12, tags: ["ocr"] });
    expect(input).toMatchObject({ body: '{"id":"doc-7","pages":12,"tags":["ocr"]}' });
  });

  it("json mode: keeps a JSON Content-Type the builder set, and sends a string value as a JSON string", async () => {
    const { output } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo`,
        headers: { "Content-Type": "application/vnd.api+json" },
        bodyMode: "json",
        body: "trigger.body.name",
      },
      { body: { name: "Ada" } },
    );
    expect(echoed(output)).toMatchObject({ contentType: "application/vnd.api+json", body: '"Ada"' });
  });

  it("json mode: an expression that yields nothing sends no body", async () => {
    const { output } = await step.run(
      { method: "POST", url: `${server.origin}/echo`, bodyMode: "json", body: "trigger.body.missing" },
      { body: {} },
    );
    expect(echoed(output)).toMatchObject({ contentType: null, body: "" });
  });

  it("json mode: a syntax error in the body is a permanent step error", async () => {
    await expect(
      step.run({ method: "POST", url: `${server.origin}/echo`, bodyMode: "json", body: "{ id: " }),
    ).rejects.toBeInstanceOf(step.PermanentStepError);
  });

  it("text mode: renders the template to text, even when it is one whole {{ }} of an object", async () => {
    const { output } = await step.run(
      { method: "POST", url: `${server.origin}/echo`, bodyMode: "text", body: "{{ trigger.body }}" },
      { body: { a: 1 } },
    );
    expect(echoed(output)).toMatchObject({ contentType: "text/plain; charset=utf-8", body: '{"a":1}' });
  });

  it("text mode: sends the Content-Type the builder set", async () => {
    const { output } = await step.run(
      {
        method: "POST",
        url: `${server.origin}/echo`,
        headers: { "Content-Type": "application/xml" },
        bodyMode: "text",
        body: "<id>{{ trigger.body.id }}</id>",
      },
      { body: { id: "x" } },
    );
    expect(echoed(output)).toMatchObject({ contentType: "application/xml", body: "<id>x</id>" });
  });

  it.each([
    [{ bodyMode: "json", body: { id: 1 } }, "The body must be text in this mode"],
    [{ bodyMode: "text", body: ["a"] }, "The body must be text in this mode"],
    [{ bodyMode: "json", body: "  " }, "Enter an expression, or leave the body out"],
    [{ bodyMode: "yaml", body: "a" }, undefined],
  ])("refuses the config %j", async (body, message) => {
    const { httpRequestConfig } = await import("./step-schemas");
    const parsed = httpRequestConfig.safeParse({ url: "https://example.com", ...body });
    expect(parsed.success).toBe(false);
    if (message) expect(parsed.error?.issues[0]).toMatchObject({ path: ["body"], message });
  });

  it.each([
    ["/text", "plain words"],
    ["/bad-json", "{not json"],
  ])("returns a non-JSON answer (%s) as text", async (path, body) => {
    const { output } = await step.run({ url: `${server.origin}${path}` });
    expect((output as { body: unknown }).body).toBe(body);
  });

  it.each([[500], [503], [429], [408]])("fails retryably on HTTP %i", async (status) => {
    const error = await step
      .run({ url: `${server.origin}/status/${status}?token=secret` })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(step.PermanentStepError);
    expect((error as Error).message).toBe(
      `GET ${server.origin}/status/${status} answered HTTP ${status}: {"error":"nope"}`,
    );
  });

  it.each([[400], [401], [404], [422]])("fails permanently on HTTP %i", async (status) => {
    const error = await step
      .run({ method: "POST", url: `${server.origin}/status/${status}` })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(step.PermanentStepError);
    expect((error as Error).message).toContain(`answered HTTP ${status}`);
  });

  it("returns an error answer as output when failOnHttpError is false", async () => {
    const { output } = await step.run({ url: `${server.origin}/status/404`, failOnHttpError: false });
    expect(output).toMatchObject({ status: 404, body: { error: "nope" } });
  });

  it("refuses internal addresses the allow-list does not name, permanently", async () => {
    const error = await step
      .run({ url: "http://169.254.169.254/latest/meta-data/" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(step.PermanentStepError);
    expect((error as Error).message).toMatch(
      /^Refused to connect to 169\.254\.169\.254 \(link-local, cloud metadata service\)/,
    );
  });

  it("fails retryably when the step's signal times out", async () => {
    const error = await step
      .run({ url: `${server.origin}/hang` }, { signal: AbortSignal.timeout(200) })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(step.PermanentStepError);
    expect((error as Error).message).toBe(`Request to ${server.origin} timed out`);
  });
});

describe("http_request with a bad WORKFLOW_HTTP_ALLOW", () => {
  it("fails naming the setting and the bad entry", async () => {
    const step = await loadStep("127.0.0.1, 10.0.0.0/33");
    await expect(step.run({ url: `${server.origin}/echo` })).rejects.toThrow(
      'Invalid environment: WORKFLOW_HTTP_ALLOW: "10.0.0.0/33" is not a valid CIDR range',
    );
  });
});

describe("http_request without WORKFLOW_HTTP_ALLOW", () => {
  it("refuses the local server before it receives anything", async () => {
    const step = await loadStep(undefined);
    const before = server.received.length;
    const error = await step.run({ url: `${server.origin}/echo` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(step.PermanentStepError);
    expect((error as Error).message).toBe(
      "Refused to connect to 127.0.0.1 (loopback): outbound requests to internal addresses are blocked; an operator can allow it with WORKFLOW_HTTP_ALLOW",
    );
    expect(server.received.length).toBe(before);
  });
});
