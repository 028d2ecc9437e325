// The Workbench's HTTP server (`npm start`; `npm run dev` adds --dev): one node:http server on one
// port that hands every request to Next.js. It exists so the app can see each connection's
// own address: route handlers cannot, so every request gets it in PEER_IP_HEADER, overwriting
// any value the client sent (lib/incoming/client-ip.ts trusts that header only in this process).
import { createServer } from "node:http";

const PEER_IP_HEADER = "x-workbench-peer-ip";
const dev = process.argv.includes("--dev");
// As `next start` / `next dev` do: lib/env reads NODE_ENV, and production must not fall back to development defaults.
process.env.NODE_ENV = dev ? "development" : "production";
const hostname = process.env.HOSTNAME || undefined;
const port = Number(process.env.PORT || 3000);

globalThis[Symbol.for("workbench.peerIpHeaderTrusted")] = true;

const { default: next } = await import("next");
// Idle keep-alive connections stay open longer than proxies and clients keep theirs (often 60 s):
// with Node's 5 s default, a client reusing a connection just as the server closes it gets a reset.
const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
const app = next({ dev, hostname: hostname ?? "localhost", port, httpServer: server });
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_IP_HEADER] = peer;
  else delete req.headers[PEER_IP_HEADER];
  // Next.js reads req.headers; the raw list is cleaned too so no copy of a client-sent value survives.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
    if (req.rawHeaders[i].toLowerCase() === PEER_IP_HEADER) req.rawHeaders.splice(i, 2);
  handle(req, res).catch((error) => {
    console.error("[workbench] request failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong" } }));
  });
});

await app.prepare();
server.listen(port, hostname, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? `${address.address}:${address.port}` : String(address);
  console.log(`[workbench] ${dev ? "development" : "production"} server listening on ${shown}`);
});

// lib/startup.ts waits for this before it exits on a signal without a worker.
globalThis[Symbol.for("workbench.httpServerClosed")] = new Promise((resolve) => server.once("close", resolve));

/**
 * SIGTERM/SIGINT: stop accepting connections and let requests in flight finish. Start-up
 * (lib/startup.ts) has its own handler, which deletes this instance's heartbeat row, lets the
 * workflow worker hand its runs back, and exits the process; without one this exits once the
 * server has closed. A second signal finds no listener left and ends the process at once.
 */
function onSignal(signal) {
  // This one-time listener is already removed: any listener left is start-up's (or the worker's).
  const anotherHandlerExits = process.listenerCount(signal) > 0;
  server.close(() => {
    if (!anotherHandlerExits) process.exit(0);
  });
  server.closeIdleConnections();
}
// First, so that start-up's one-time handler is still registered when this one counts.
process.prependOnceListener("SIGTERM", onSignal);
process.prependOnceListener("SIGINT", onSignal);
