// --scenario=ingest: the most the endpoint accepts. autocannon's closed loop (--connections,
// default 50) sends one static signed body for --warmup s, then --duration s measured; the
// workflow has no steps (or the worker is off with --no-worker).
import { openReader } from "../database.mjs";
import { closedLoad } from "../load.mjs";
import { sampleRss } from "../processes.mjs";
import {
  all202Check,
  checkStored,
  generatorRows,
  log,
  startOurs,
  transportCheck,
  withBaseline,
} from "../scenario-kit.mjs";
import { targetsFor } from "../targets.mjs";

export async function runIngest({ options, database, ports }) {
  const { warmup, duration, connections } = options;
  const goal = targetsFor(database.kind);
  const { server, target } = await startOurs({
    database,
    port: ports.ours,
    worker: options.worker,
    steps: [],
    unique: false,
  });
  const load = (to, seconds) => closedLoad({ ...to, connections, duration: seconds });

  log(`bare baseline: ${connections} connections, ${warmup} s warm-up, ${duration} s measured…`);
  const baseline = await withBaseline({ database, port: ports.baseline, unique: false }, async (to) => {
    await load(to, warmup);
    return load(to, duration);
  });
  log(`ours: the same…`);
  const stopRss = sampleRss(server.pid);
  const warm = await load(target, warmup);
  const ours = await load(target, duration);
  const rssPeak = stopRss();

  const reader = await openReader(database);
  const stored = await checkStored({ reader, deliveryIds: target.deliveryIds });
  const non2xx = (run) => run.answered - run.accepted;
  return {
    title: `ingest · ${database.label} · ${connections} connections, ${duration} s after ${warmup} s warm-up · worker ${options.worker ? "on" : "off"}`,
    rows: [
      {
        key: "okPerSecond",
        label: "2xx/s",
        ours: ours.okPerSecond,
        baseline: baseline.okPerSecond,
        target: { min: goal.ingestPerSecond },
      },
      { key: "p50", label: "p50 ms", ours: ours.p50, baseline: baseline.p50 },
      {
        key: "p99",
        label: "p99 ms",
        ours: ours.p99,
        baseline: baseline.p99,
        target: goal.ingestP99Ms && { max: goal.ingestP99Ms },
      },
      { key: "non2xx", label: "non-202 answers", ours: non2xx(ours), baseline: non2xx(baseline) },
      {
        key: "rssPeak",
        label: "RSS peak MB",
        ours: rssPeak,
        baseline: baseline.rssPeak,
        target: { max: goal.rssMB },
        ratio: false,
      },
      ...generatorRows(ours, baseline, { paced: false }),
    ],
    checks: [stored, all202Check([warm, ours]), transportCheck([warm, ours])],
    details: { ours, warmup: warm, baseline },
  };
}
