// --scenario=e2e: webhooks that run a workflow (--steps, default transform,record: a Transform,
// then a Record Write keyed by the payment id, so every run writes its own record) at a steady
// offered --rate for --duration s, each body with a fresh payment id. It measures how many runs
// finish per second while the load lasts, the backlog when it stops, and how long until every
// run has finished (polling the database).
import { setTimeout as sleep } from "node:timers/promises";

import { openReader } from "../database.mjs";
import { pacedLoad } from "../load.mjs";
import { sampleRss } from "../processes.mjs";
import {
  all202Check,
  checkStored,
  generatorRows,
  log,
  offeredCheck,
  startOurs,
  transportCheck,
  withBaseline,
} from "../scenario-kit.mjs";
import { targetsFor } from "../targets.mjs";

const finished = (statuses) => (statuses.succeeded ?? 0) + (statuses.failed ?? 0) + (statuses.canceled ?? 0);

/** Polls until no run is queued or running; returns the moment it saw that, or null timeoutS after `from`. */
async function waitDrained({ reader, timeoutS, from = performance.now() }) {
  const deadline = from + timeoutS * 1000;
  while (performance.now() < deadline) {
    if ((await reader.unfinishedRuns()) === 0) return performance.now();
    await sleep(100);
  }
  return null;
}

/** Each succeeded run wrote its own record (comparable only once no run is midway). */
function recordCheck({ records, succeeded, drained }) {
  const counts = `${records.toLocaleString("en-US")} records, ${succeeded.toLocaleString("en-US")} succeeded runs`;
  return {
    key: "recordPerRun",
    ok: drained && records === succeeded,
    label: `one record per succeeded run: ${counts}${drained ? "" : " (runs still unfinished)"}`,
  };
}

export async function runE2e({ options, database, ports }) {
  const { warmup, duration, rate, steps, drainTimeout } = options;
  const connections = options.connections ?? Math.max(50, Math.ceil(rate * 0.1));
  const goal = targetsFor(database.kind);
  const { server, target } = await startOurs({ database, port: ports.ours, worker: true, steps, unique: true });
  const load = (to, seconds, onIssued) => pacedLoad({ ...to, rate, connections, duration: seconds, onIssued });

  log(
    `bare baseline: ${rate} req/s over up to ${connections} connections, ${warmup} s warm-up, ${duration} s measured…`,
  );
  const baseline = await withBaseline({ database, port: ports.baseline, unique: true }, async (to) => {
    await load(to, warmup);
    return load(to, duration);
  });

  const reader = await openReader(database);
  const stopRss = sampleRss(server.pid);
  log(`ours: the same, workflow ${steps.join(" → ") || "(no steps)"}; the warm-up's runs drain first…`);
  const warm = await load(target, warmup);
  const warmDrained = (await waitDrained({ reader, timeoutS: drainTimeout })) !== null;
  const before = finished(await reader.runStatuses());
  let stoppedAt = 0;
  let atStop;
  const ours = await load(target, duration, () => {
    stoppedAt = performance.now();
    atStop = reader.runStatuses();
  });
  const statusesAtStop = await atStop;
  log(`load stopped; waiting for the backlog to drain (at most ${drainTimeout} s)…`);
  const drainedAt = await waitDrained({ reader, timeoutS: drainTimeout, from: stoppedAt });
  const rssPeak = stopRss();

  const statuses = await reader.runStatuses();
  const runsPerSecond = Math.round((finished(statusesAtStop) - before) / ours.seconds);
  const backlog = (statusesAtStop.queued ?? 0) + (statusesAtStop.running ?? 0);
  const drainSeconds = drainedAt === null ? null : Math.round((drainedAt - stoppedAt) / 100) / 10;
  const stored = await checkStored({ reader, deliveryIds: target.deliveryIds });
  const records = steps.includes("record") ? await reader.recordCount() : null;
  return {
    title: `e2e · ${database.label} · ${rate} req/s offered over ${connections} connections, ${duration} s after ${warmup} s warm-up · steps ${steps.join(",") || "none"}`,
    rows: [
      {
        key: "offeredPerSecond",
        label: "offered req/s",
        ours: ours.offeredPerSecond,
        baseline: baseline.offeredPerSecond,
      },
      { key: "okPerSecond", label: "ingest 2xx/s", ours: ours.okPerSecond, baseline: baseline.okPerSecond },
      { key: "p50", label: "ingest p50 ms", ours: ours.p50, baseline: baseline.p50 },
      {
        key: "p99",
        label: "ingest p99 ms",
        ours: ours.p99,
        baseline: baseline.p99,
        target: { max: goal.e2eIngestP99Ms },
      },
      { key: "p99FromDue", label: "ingest p99 ms from due", ours: ours.p99FromDue, baseline: baseline.p99FromDue },
      // The baseline runs no workflow: its column is the rows it stored per second, the ceiling for runs.
      {
        key: "runsPerSecond",
        label: "runs finished/s (baseline: stored/s)",
        ours: runsPerSecond,
        baseline: baseline.okPerSecond,
        target: { min: goal.runsPerSecond },
      },
      { key: "backlog", label: "backlog at load end (runs)", ours: backlog },
      {
        key: "drainSeconds",
        label: "drain s (until all finished)",
        ours: drainSeconds ?? `> ${drainTimeout}`,
        target: { max: goal.drainSeconds },
      },
      { key: "failedRuns", label: "failed runs", ours: statuses.failed ?? 0 },
      {
        key: "rssPeak",
        label: "RSS peak MB",
        ours: rssPeak,
        baseline: baseline.rssPeak,
        target: { max: goal.rssMB },
        ratio: false,
      },
      ...generatorRows(ours, baseline, { paced: true }),
    ],
    checks: [
      {
        key: "warmupDrained",
        ok: warmDrained,
        label: `the warm-up's runs finished before the measured load (within ${drainTimeout} s)`,
      },
      stored,
      all202Check([warm, ours]),
      {
        key: "drained",
        ok: drainSeconds !== null,
        label: `every run finished within ${drainTimeout} s of the load's end`,
      },
      {
        key: "noFailedRuns",
        ok: !statuses.failed,
        label: `no run failed${statuses.failed ? ` (${statuses.failed} did)` : ""}`,
      },
      ...(records === null
        ? []
        : [recordCheck({ records, succeeded: statuses.succeeded ?? 0, drained: drainSeconds !== null })]),
      transportCheck([warm, ours]),
      offeredCheck([warm, ours]),
    ],
    details: { ours, warmup: warm, baseline, runStatuses: statuses, runStatusesAtStop: statusesAtStop },
  };
}
