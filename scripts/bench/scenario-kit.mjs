// What the scenarios share: progress lines, the two targets (the bare baseline and ours) as the
// load modules take them, and the check that every 202 was stored.
import { startBaseline } from "./baseline.mjs";
import { signedBodies } from "./load.mjs";
import { sampleRss } from "./processes.mjs";
import { startWorkbench, workflowSteps } from "./workbench.mjs";

/** Progress goes to stderr, so stdout holds only the tables and the JSON line. */
export const log = (message) => console.error(`[bench] ${message}`);

/** Starts the bare baseline, runs drive(target) against it while sampling its memory, then stops it. */
export async function withBaseline({ database, port, unique }, drive) {
  const baseline = await startBaseline({ database, port });
  try {
    const stopRss = sampleRss(baseline.pid);
    const result = await drive({ url: baseline.url, nextRequest: signedBodies({ ...baseline, unique }) });
    return { ...result, rssPeak: stopRss() };
  } finally {
    await baseline.stop();
  }
}

/** Starts our server with a webhook running a workflow of `steps`; the target collects its 202s' ids. */
export async function startOurs({ database, port, worker, steps, unique }) {
  const server = await startWorkbench({ database, port, worker });
  const webhook = await server.createWebhook({ steps: workflowSteps(steps) });
  const deliveryIds = [];
  return { server, target: { url: webhook.url, nextRequest: signedBodies({ ...webhook, unique }), deliveryIds } };
}

/** Every 202 our server answered names a delivery that is in the database, accepted. */
export async function checkStored({ reader, deliveryIds }) {
  const stored = await reader.acceptedDeliveryIds();
  const missing = deliveryIds.filter((id) => !stored.has(id)).length;
  return {
    key: "every202Stored",
    ok: missing === 0,
    label: `every 202 stored: ${(deliveryIds.length - missing).toLocaleString("en-US")} of ${deliveryIds.length.toLocaleString("en-US")} answered 202 are in the database${missing ? ` (${missing} MISSING)` : ""}`,
  };
}

/** The load generator's own state: when it lagged, part of the latency above is its, not the target's. */
export function generatorRows(ours, baseline, { paced }) {
  const lag = { key: "generatorLagP99", label: "load generator lag p99 ms", ours: ours.generatorLagP99 };
  const waiting = { key: "maxWaitingForConnection", label: "requests waiting for a connection, max" };
  return [
    { ...lag, baseline: baseline.generatorLagP99, ratio: false },
    ...(paced
      ? [{ ...waiting, ours: ours.maxWaitingForConnection, baseline: baseline.maxWaitingForConnection, ratio: false }]
      : []),
  ];
}

/** Every answer in these runs was 202; otherwise which statuses came instead. */
export function all202Check(runs) {
  const others = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.byStatus))
      if (status !== "202") others[status] = (others[status] ?? 0) + n;
  const listed = Object.entries(others).map(([status, n]) => `${n} × ${status}`);
  return {
    key: "all202",
    ok: listed.length === 0,
    label: `every answer was 202${listed.length ? ` (not: ${listed.join(", ")})` : ""}`,
  };
}

const sum = (runs, field) => runs.reduce((total, run) => total + run[field], 0);

/** No transport errors, timeouts or unanswered requests in any of the runs. */
export function transportCheck(runs) {
  const failed = sum(runs, "errors") + sum(runs, "timeouts") + sum(runs, "unanswered");
  return {
    key: "noTransportFailures",
    ok: failed === 0,
    label: `no connection errors, timeouts or unanswered requests${failed ? ` (${failed.toLocaleString("en-US")} seen)` : ""}`,
  };
}

/**
 * The paced runs offered their whole load: requests never sent mean the generator and the
 * target together could not keep up on this machine, and the figures describe a smaller load.
 */
export function offeredCheck(runs) {
  const unsent = sum(runs, "unsent");
  return {
    key: "wholeLoadOffered",
    ok: unsent === 0,
    label: `the whole load was offered${unsent ? ` (${unsent.toLocaleString("en-US")} requests never got a connection)` : ""}`,
  };
}
