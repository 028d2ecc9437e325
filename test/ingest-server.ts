// A real HTTP server on 127.0.0.1 that hands POST /api/webhooks/:id to the public endpoint's
// route handler, for tests of code that sends requests over the network (Send Test Event).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll } from "vitest";

import type { App } from "./webhook-app";

function startIngestServer(getApp: () => App): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const request = new Request(url, {
      method: incoming.method,
      headers,
      body: incoming.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const match = /^\/api\/webhooks\/([^/]+)$/.exec(url.pathname);
    const response = match
      ? await getApp().ingestRoute.POST(request, { params: Promise.resolve({ id: decodeURIComponent(match[1]) }) })
      : Response.json({ error: { code: "not_found", message: "no route" } }, { status: 404 });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

/** Starts the server for the enclosing suite and closes it after; `origin` is its base URL. */
export function useIngestServer(getApp: () => App): { readonly origin: string } {
  let server: Server | undefined;
  let origin = "";
  beforeAll(async () => {
    ({ server, origin } = await startIngestServer(getApp));
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get origin() {
      return origin;
    },
  };
}
