// --scenario=overload: measures our capacity C (a 5 s closed-loop run after the warm-up, or
// --capacity), then offers 3×C for --duration s (default 30) over enough connections that the
// rate is really offered (3×C × 0.1 s, at least 50), then recovers at C/2 for 5 s. What we
// answer 2xx must stay fast, the excess must be refused with 503 + Retry-After, and nothing
// answered 202 may be missing from the database.
import { openReader } from "../database.mjs";
import { closedLoad, pacedLoad } from "../load.mjs";
import { sampleRss } from "../processes.mjs";
import {
  checkStored,
  generatorRows,
  log,
  offeredCheck,
  startOurs,
  transportCheck,
  withBaseline,
} from "../scenario-kit.mjs";
import { targetsFor } from "../targets.mjs";

const RECOVERY_SECONDS = 5;
const CAPACITY_SECONDS = 5;

export async function runOverload({ options, database, ports }) {
  const { warmup, duration } = options;
  const goal = targetsFor(database.kind);
  const { server, target } = await startOurs({
    database,
    port: ports.ours,
    worker: options.worker,
    steps: [],
    unique: false,
  });
  const closed = (to, seconds) => closedLoad({ ...to, connections: 50, duration: seconds });

  const stopRss = sampleRss(server.pid);
  log(`ours: ${warmup} s warm-up${options.capacity ? "" : `, then ${CAPACITY_SECONDS} s to measure capacity`}…`);
  const warm = await closed(target, warmup);
  const capacityRun = options.capacity ? null : await closed(target, CAPACITY_SECONDS);
  const capacity = options.capacity ?? capacityRun.okPerSecond;
  const rate = 3 * capacity;
  const recoveryRate = Math.max(1, Math.round(capacity / 2));
  const connections = options.connections ?? Math.max(50, Math.ceil(rate * 0.1));
  const paced = (to, offered, seconds) => pacedLoad({ ...to, rate: offered, connections, duration: seconds });
  const overloadThenRecovery = async (to) => {
    const overload = await paced(to, rate, duration);
    return { overload, recovery: await paced(to, recoveryRate, RECOVERY_SECONDS) };
  };

  log(
    `bare baseline: ${warmup} s warm-up, ${rate} req/s (3 × ${capacity}) for ${duration} s, then ${recoveryRate} req/s…`,
  );
  const baseline = await withBaseline({ database, port: ports.baseline, unique: false }, async (to) => {
    await closed(to, warmup);
    return overloadThenRecovery(to);
  });
  log(`ours: the same overload and recovery…`);
  // Counted around the paced runs only: autocannon drops the requests in flight when a closed
  // loop ends, and the server still stores them, so those runs cannot be counted this way.
  const reader = await openReader(database);
  const storedBefore = await reader.acceptedCount();
  const { overload: ours, recovery } = await overloadThenRecovery(target);
  const storedCount = (await reader.acceptedCount()) - storedBefore;
  const rssPeak = stopRss();

  const stored = await checkStored({ reader, deliveryIds: target.deliveryIds });
  const accepted = ours.accepted + recovery.accepted;
  const failures = (run) => run.errors + run.timeouts + run.unanswered;
  const recoveryNon202 = recovery.answered - recovery.accepted + failures(recovery);
  const b = baseline.overload;
  return {
    title: `overload · ${database.label} · capacity ${capacity} req/s${options.capacity ? " (given)" : " (measured)"}, 3× offered over ${connections} connections for ${duration} s, then ${recoveryRate} req/s for ${RECOVERY_SECONDS} s`,
    rows: [
      { key: "offeredPerSecond", label: "offered req/s", ours: ours.offeredPerSecond, baseline: b.offeredPerSecond },
      {
        key: "answeredPerSecond",
        label: "answered req/s",
        ours: ours.answeredPerSecond,
        baseline: b.answeredPerSecond,
      },
      { key: "okPerSecond", label: "answered 2xx/s", ours: ours.okPerSecond, baseline: b.okPerSecond },
      { key: "p50", label: "2xx p50 ms", ours: ours.p50, baseline: b.p50 },
      { key: "p99", label: "2xx p99 ms", ours: ours.p99, baseline: b.p99, target: { max: goal.overloadP99Ms } },
      { key: "p99FromDue", label: "2xx p99 ms from due", ours: ours.p99FromDue, baseline: b.p99FromDue },
      { key: "refusedP99", label: "503 p99 ms", ours: ours.refusedP99, baseline: b.refusedP99 },
      { key: "accepted", label: "202 answers", ours: ours.accepted, baseline: b.accepted },
      { key: "refused503", label: "503 answers", ours: ours.refused503, baseline: b.refused503 },
      { key: "other", label: "other statuses", ours: ours.other, baseline: b.other },
      { key: "failures", label: "errors, timeouts, unanswered", ours: failures(ours), baseline: failures(b) },
      { key: "unsent", label: "never sent (no free connection)", ours: ours.unsent, baseline: b.unsent },
      { key: "recoveryP99", label: "recovery 2xx p99 ms", ours: recovery.p99, baseline: baseline.recovery.p99 },
      {
        key: "recoveryNon202",
        label: "recovery non-202",
        ours: recoveryNon202,
        baseline: baseline.recovery.answered - baseline.recovery.accepted + failures(baseline.recovery),
      },
      {
        key: "rssPeak",
        label: "RSS peak MB",
        ours: rssPeak,
        baseline: baseline.rssPeak,
        target: { max: goal.rssMB },
        ratio: false,
      },
      ...generatorRows(ours, b, { paced: true }),
    ],
    checks: [
      {
        key: "retryAfter",
        ok: ours.retryAfterMissing === 0,
        label: `every 503 carried Retry-After${ours.retryAfterMissing ? ` (${ours.retryAfterMissing} did not)` : ` (${ours.refused503.toLocaleString("en-US")} 503s)`}`,
      },
      stored,
      {
        key: "nothingLost",
        ok: storedCount === accepted,
        label: `deliveries stored during overload and recovery (${storedCount.toLocaleString("en-US")}) = 202 answers (${accepted.toLocaleString("en-US")})`,
      },
      {
        key: "recovered",
        ok: recoveryNon202 === 0,
        label: `recovery: every request answered 202${recoveryNon202 ? ` (${recoveryNon202} were not)` : ""}`,
      },
      transportCheck([ours, recovery]),
      offeredCheck([ours, recovery]),
    ],
    details: { capacity, rate, connections, ours, recovery, warmup: warm, capacityRun, baseline },
  };
}
