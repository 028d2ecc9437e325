// `npm run bench:baseline`: the bare ceiling for durable ingest on this machine, to read
// `npm run bench` against (figures vary from run to run here, ratios much less). A child process
// serves POST with node:http, checks the HMAC-SHA256 of the raw body and inserts one row into a
// better-sqlite3 WAL database; autocannon drives it exactly as the bench drives ours (50
// connections, the same 1 KB body, a warm-up of --duration seconds, then --duration measured).
import { fork } from "node:child_process";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import autocannon from "autocannon";
import Database from "better-sqlite3";

const key = "bench-baseline-key";

function serve(port, file) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE delivery (id TEXT PRIMARY KEY, body TEXT NOT NULL, receivedAt TEXT NOT NULL)");
  const insert = db.prepare("INSERT INTO delivery (id, body, receivedAt) VALUES (?, ?, ?)");
  createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const expected = createHmac("sha256", key).update(body).digest();
      const given = Buffer.from(String(request.headers["x-signature"] ?? ""), "hex");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        response.writeHead(401).end();
        return;
      }
      const id = randomBytes(12).toString("hex");
      insert.run(id, body.toString(), new Date().toISOString());
      response.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ deliveryId: id }));
    });
  }).listen(port, "127.0.0.1", () => process.send("ready"));
}

if (process.argv[2] === "--serve") {
  serve(Number(process.argv[3]), process.argv[4]);
} else {
  const duration = Number(process.argv.find((arg) => arg.startsWith("--duration="))?.split("=")[1] ?? 10);
  const port = 3990 + Math.floor(Math.random() * 9);
  const dir = mkdtempSync(path.join(tmpdir(), "aw-baseline-"));
  const child = fork(fileURLToPath(import.meta.url), ["--serve", String(port), path.join(dir, "bare.db")]);
  await new Promise((resolve) => child.once("message", resolve));
  const body = JSON.stringify({
    event: "payment.processed",
    paymentId: "pay_123",
    amount: 4200,
    currency: "EUR",
    note: "x".repeat(880),
  });
  const request = {
    url: `http://127.0.0.1:${port}/`,
    method: "POST",
    connections: 50,
    duration,
    body,
    headers: {
      "content-type": "application/json",
      "x-signature": createHmac("sha256", key).update(body).digest("hex"),
    },
  };
  const run = () => new Promise((resolve, reject) => autocannon(request, (e, r) => (e ? reject(e) : resolve(r))));
  try {
    await run();
    const result = await run();
    console.log(
      `bare node:http + HMAC + better-sqlite3 insert: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`,
    );
  } finally {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}
