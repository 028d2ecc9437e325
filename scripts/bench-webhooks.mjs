// `npm run bench`: builds the app (`npm run build`) and measures the webhook endpoint of the
// production server (`node server.mjs` on 127.0.0.1) in one or more scenarios. Each scenario gets
// a fresh database and, right before ours, runs the same load against a bare baseline on that
// database (`node:http`, the HMAC check, one insert of a delivery-shaped row: better-sqlite3 in
// WAL mode, or `pg`), and prints ours as a ratio of it: figures on a shared 2-core machine vary
// from run to run, ratios much less. Correctness checks (every 202 stored, …) set the exit code;
// the targets are shown but never fail the run.
//
//   --scenario=ingest      (default) closed loop: autocannon, --connections (50), a static signed
//                          1 KB body, --warmup s then --duration s (10); 2xx/s, p50/p99, RSS peak
//   --scenario=e2e         a steady offered --rate (1000/s on SQLite, 500 on PostgreSQL) for
//                          --duration s (60) to a workflow of --steps (transform,record: Transform,
//                          then Record Write); runs finished/s, ingest p50/p99, backlog at the end
//                          of the load, drain time, failed runs, RSS peak
//   --scenario=overload    capacity C (5 s closed loop, or --capacity=<n>), then 3×C offered for
//                          --duration s (30), then C/2 for 5 s; 2xx p50/p99, 202/503/other counts,
//                          Retry-After on every 503, every 202 stored, recovery p99
//   --scenario=a,b         several, one after the other, each on its own fresh database
//   --postgres             a fresh database on the local PostgreSQL (TEST_POSTGRES_URL or
//                          postgresql://postgres@127.0.0.1:5432/postgres), dropped after
//   --skip-build           use the existing build
//   --warmup=<s>           warm-up before measuring (10; the first seconds after start are slower)
//   --duration=<s>         measured seconds (per scenario, see above)
//   --connections=<n>      ingest: 50; e2e and overload: rate × 0.1 s, at least 50
//   --no-worker            ingest and overload: the in-process worker is off (a web-only instance)
//   --rate=<n>, --steps=<a,b>, --drain-timeout=<s> (120)   e2e;   --capacity=<n>   overload
//   --port=<n>             ours on the first free port from n (3900), the baseline on the next
//   --json                 end with one JSON line of every scenario's figures and checks
// The server inherits the environment (WORKER_CONCURRENCY=… npm run bench -- --scenario=e2e).
// Every process it starts is stopped, and its database dropped, also on failure or Ctrl-C.
import { execFileSync } from "node:child_process";

import { createBenchDatabase } from "./bench/database.mjs";
import { parseOptions } from "./bench/options.mjs";
import { findFreePort, runCleanup } from "./bench/processes.mjs";
import { printTable, toJson } from "./bench/report.mjs";
import { log } from "./bench/scenario-kit.mjs";
import { runE2e } from "./bench/scenarios/e2e.mjs";
import { runIngest } from "./bench/scenarios/ingest.mjs";
import { runOverload } from "./bench/scenarios/overload.mjs";
import { root } from "./bench/workbench.mjs";

const run = { ingest: runIngest, e2e: runE2e, overload: runOverload };

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`[bench] ${error.message}`);
  process.exit(2);
}

const results = [];
try {
  if (options.build)
    execFileSync("npm", ["run", "build"], {
      cwd: root,
      stdio: ["ignore", 2, 2],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  for (const scenario of options.scenarios) {
    const ours = await findFreePort({ from: options.port });
    const ports = { ours, baseline: await findFreePort({ from: ours + 1 }) };
    try {
      const database = await createBenchDatabase({ postgres: options.postgres });
      log(`${scenario} on ${database.label}`);
      const result = await run[scenario]({ options: options.forScenario(scenario), database, ports });
      Object.assign(result, { scenario, database: database.kind, settings: options.forScenario(scenario) });
      printTable(result);
      results.push(toJson(result));
    } finally {
      await runCleanup();
    }
  }
} catch (error) {
  console.error(`[bench] failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await runCleanup();
}
if (options.json) console.log(JSON.stringify({ results }));
if (results.some((result) => !result.ok)) process.exitCode = 1;
process.exit();
