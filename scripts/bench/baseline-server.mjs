// The bare baseline, run as its own process by baseline.mjs: `node:http`, the HMAC-SHA256 check
// of the raw body, and one insert of a delivery-shaped row (better-sqlite3 in WAL mode with the
// ingest store's pragmas, or one `pg` insert through a pool of 10 connections, pg's default),
// then 202 {deliveryId}. It is what durable ingest costs here with nothing else in the way.
// Arguments: <port> <key> <sqlite file | postgresql:// URL>.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";

import pg from "pg";

const columns = `id, "webhookId", "receivedAt", outcome, "httpStatus", headers, body, "bodyBytes", "sourceIp"`;

function sqliteStore(file) {
  const db = new (createRequire(import.meta.url)("better-sqlite3"))(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(`CREATE TABLE IF NOT EXISTS bench_baseline (id TEXT PRIMARY KEY, "webhookId" TEXT NOT NULL,
    "receivedAt" TEXT NOT NULL, outcome TEXT NOT NULL, "httpStatus" INTEGER NOT NULL, headers TEXT NOT NULL,
    body TEXT NOT NULL, "bodyBytes" INTEGER NOT NULL, "sourceIp" TEXT)`);
  const insert = db.prepare(`INSERT INTO bench_baseline (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return { insert: async (row) => insert.run(...row) };
}

async function postgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (id TEXT PRIMARY KEY, "webhookId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL, outcome TEXT NOT NULL, "httpStatus" INTEGER NOT NULL, headers TEXT NOT NULL,
    body TEXT NOT NULL, "bodyBytes" INTEGER NOT NULL, "sourceIp" TEXT)`);
  // A named query is prepared once per connection, as the server's hot path does.
  const text = `INSERT INTO bench_baseline (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
  return { insert: (values) => pool.query({ name: "bench-baseline-insert", text, values }) };
}

const [port, key, target] = process.argv.slice(2);
const store = /^postgres(ql)?:/.test(target) ? await postgresStore(target) : sqliteStore(target);

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", async () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac("sha256", key).update(body).digest();
    const given = Buffer.from(String(request.headers["x-signature"] ?? ""), "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(401).end();
      return;
    }
    const id = `dlv_${randomBytes(12).toString("hex")}`;
    const receivedAt = new Date().toISOString();
    try {
      await store.insert([
        id,
        "wh_baseline",
        receivedAt,
        "accepted",
        202,
        JSON.stringify(request.headers),
        body.toString(),
        body.byteLength,
        request.socket.remoteAddress ?? null,
      ]);
    } catch (error) {
      console.error("[baseline]", error.message);
      response.writeHead(503, { "retry-after": "1" }).end();
      return;
    }
    response.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ deliveryId: id }));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => process.send("ready"));
