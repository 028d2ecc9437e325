// The Workbench's HTTP server (`npm start`; `npm run dev` adds --dev): one node:http server on one
// port. POST /api/webhooks/:id is answered by the fast path (lib/server/runtime.ts, bundled by
// scripts/build-server.mjs), past Next's router; every other request goes to Next.js. The
// workflow worker runs on its own thread, started by the runtime.
// Every request gets the connection's own address in PEER_IP_HEADER, overwriting any value the
// client sent (lib/incoming/client-ip.ts trusts that header only in this process).
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const PEER_IP_HEADER = "x-workbench-peer-ip";
const dev = process.argv.includes("--dev");
// As `next start` / `next dev` do: lib/env reads NODE_ENV, and production must not fall back to development defaults.
process.env.NODE_ENV = dev ? "development" : "production";
const hostname = process.env.HOSTNAME || undefined;
const port = Number(process.env.PORT || 3000);
/** How long a graceful stop lets open connections finish their requests before closing them. */
const DRAIN_MS = 5_000;

globalThis[Symbol.for("workbench.peerIpHeaderTrusted")] = true;

// Development rebuilds the server bundle at every start; production uses the one `npm run build` made.
const { buildServer, bundleDir } = dev ? await import("./scripts/build-server.mjs") : { bundleDir: ".next/workbench" };
if (buildServer) await buildServer();
const { default: next } = await import("next");
const { startRuntime } = await import(pathToFileURL(`${bundleDir}/runtime.mjs`).href).catch((error) => {
  console.error("[workbench] Cannot load the server bundle: run `npm run build` first.", error.message);
  process.exit(1);
});

// Idle keep-alive connections stay open longer than proxies and clients keep theirs (often 60 s):
// with Node's 5 s default, a client reusing a connection just as the server closes it gets a reset.
const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
const app = next({ dev, hostname: hostname ?? "localhost", port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
const runtime = await startRuntime({ development: dev });

server.on("request", (req, res) => {
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_IP_HEADER] = peer;
  else delete req.headers[PEER_IP_HEADER];
  if (runtime.handle(req, res)) return;
  // Next.js reads req.headers; the raw list is cleaned too so no copy of a client-sent value survives.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
    if (req.rawHeaders[i].toLowerCase() === PEER_IP_HEADER) req.rawHeaders.splice(i, 2);
  handle(req, res).catch((error) => {
    console.error("[workbench] request failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong" } }));
  });
});

server.listen(port, hostname, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? `${address.address}:${address.port}` : String(address);
  console.log(`[workbench] ${dev ? "development" : "production"} server listening on ${shown}`);
});

/**
 * SIGTERM/SIGINT: stop accepting connections and let requests in flight finish (up to DRAIN_MS),
 * while the worker thread finishes its running steps or hands their runs back to the queue
 * (WORKER_SHUTDOWN_GRACE_SECONDS); then the database handles close and the process exits.
 * A second signal ends the process at once.
 */
async function stop(signal) {
  console.log(`[workbench] ${signal}: stopping (finishing requests and workflow runs in progress)`);
  process.once(signal, () => process.exit(1));
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const drained = Promise.race([closed, new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]).then(() =>
    server.closeAllConnections(),
  );
  try {
    await runtime.stop({ requestsDone: drained });
  } catch (error) {
    console.error("[workbench] stopping failed", error);
  }
  process.exit(0);
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
