// A sender that goes away mid-body is its own problem: a quiet 400 request_aborted (if anyone is
// still listening), nothing stored, and no "ingestion failed" 503 with a stack trace.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

import { afterEach, describe, expect, it, vi } from "vitest";

import { providers } from "@/test/databases";
import { baseUrl, useWebhookApp } from "@/test/webhook-app";

describe.each(providers)("an aborted webhook request on %s", (provider) => {
  const harness = useWebhookApp(provider);
  const servers: Server[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  const storedFor = (webhookId: string) => harness.direct.delivery.count({ where: { webhookId } });

  it("answers 400 request_aborted when the body stream errors, logging nothing", async () => {
    const { webhook } = await harness.createWebhook();
    const errors = vi.spyOn(console, "error");
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"partial":'));
      },
    });
    const request = new Request(`${baseUrl}/api/webhooks/${webhook.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "100", "x-signature": "0".repeat(64) },
      body,
      duplex: "half",
    } as RequestInit);
    const reply = await harness.post(request);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { code: "request_aborted", message: expect.stringContaining("closed") } });
    expect(errors).not.toHaveBeenCalled();
    expect(await storedFor(webhook.id)).toBe(0);
  });

  it("handles a real client that closes its connection mid-body as a client error", async () => {
    const { webhook } = await harness.createWebhook();
    const errors = vi.spyOn(console, "error");
    // The route handler behind a real socket, its body streamed from the connection as it arrives.
    const outcome = new Promise<{ status: number; code: unknown }>((resolve) => {
      const server = createServer(async (incoming, outgoing) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers))
          if (typeof value === "string") headers.set(name, value);
        const request = new Request(`${baseUrl}${incoming.url}`, {
          method: "POST",
          headers,
          body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>,
          duplex: "half",
        } as RequestInit);
        const response = await harness.app.ingestRoute.POST(request, { params: Promise.resolve({ id: webhook.id }) });
        const body = await response.json();
        if (outgoing.writable) outgoing.writeHead(response.status).end(JSON.stringify(body));
        resolve({ status: response.status, code: body.error?.code });
      });
      servers.push(server);
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        const client = httpRequest({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/api/webhooks/${webhook.id}`,
          headers: { "content-type": "application/json", "content-length": "4096", "x-signature": "0".repeat(64) },
        });
        client.on("error", () => undefined);
        client.write('{"partial":"', () => setTimeout(() => client.destroy(), 50));
      });
    });
    expect(await outcome).toEqual({ status: 400, code: "request_aborted" });
    expect(errors).not.toHaveBeenCalled();
    expect(await storedFor(webhook.id)).toBe(0);
  });
});
