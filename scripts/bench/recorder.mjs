// What one load run saw: answers by status, latencies of 2xx and of 503 answers, 503s without
// Retry-After, transport failures, and the delivery id of every 202 (pushed to the caller's
// array, to check afterwards that each one was stored). It also watches the load generator
// itself: its event-loop delay and how many requests waited for a free connection, since on a
// shared machine a late generator shows up as latency that is not the target's.
import { monitorEventLoopDelay } from "node:perf_hooks";

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
const sortedCopy = (values) => Float64Array.from(values).sort();
const hasRetryAfter = (headers) => Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "retry-after");

export function createRecorder({ deliveryIds = [] } = {}) {
  const byStatus = {};
  // On the wire: from when the request was written to a connection. From due: from when the
  // paced load meant to send it, so time spent waiting for a free connection counts too.
  const latencies = { ok: [], okFromDue: [], refused: [] };
  const failures = { errors: 0, timeouts: 0, unanswered: 0, unsent: 0 };
  let retryAfterMissing = 0;
  let sent = 0;
  let maxWaiting = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();

  return {
    sent: () => sent++,
    /** Requests sent but not yet on a connection (the paced load's pool queues them). */
    waiting(n) {
      if (n > maxWaiting) maxWaiting = n;
    },
    /** timing { onWire, fromDue } in ms is given by the paced load; the closed load takes autocannon's histogram. */
    response(status, headers, body, timing) {
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (timing && status >= 200 && status < 300) {
        latencies.ok.push(timing.onWire);
        latencies.okFromDue.push(timing.fromDue);
      }
      if (timing && status === 503) latencies.refused.push(timing.onWire);
      if (status === 503 && !hasRetryAfter(headers)) retryAfterMissing++;
      if (status === 202) {
        const id = JSON.parse(body).deliveryId;
        if (id) deliveryIds.push(id);
      }
    },
    failure(kind) {
      failures[kind]++;
    },
    /**
     * seconds: how long the load was offered; answerSeconds: until the last answer, when later;
     * latency: autocannon's, when it measured.
     */
    summary({ seconds, answerSeconds = seconds, latency }) {
      loopDelay.disable();
      const ok = sortedCopy(latencies.ok);
      const count = (predicate) =>
        Object.entries(byStatus).reduce((sum, [status, n]) => sum + (predicate(Number(status)) ? n : 0), 0);
      const answered = count(() => true);
      return {
        seconds,
        offeredPerSecond: sent > 0 ? Math.round(sent / seconds) : undefined,
        answered,
        answeredPerSecond: Math.round(answered / answerSeconds),
        okPerSecond: Math.round(count((status) => status >= 200 && status < 300) / answerSeconds),
        byStatus: { ...byStatus },
        accepted: byStatus[202] ?? 0,
        refused503: byStatus[503] ?? 0,
        other: count((status) => status !== 202 && status !== 503),
        retryAfterMissing,
        ...failures,
        p50: latency ? latency.p50 : round(percentile(ok, 0.5)),
        p99: latency ? latency.p99 : round(percentile(ok, 0.99)),
        max: latency ? latency.max : round(ok.at(-1) ?? null),
        p99FromDue: latency ? null : round(percentile(sortedCopy(latencies.okFromDue), 0.99)),
        refusedP99: round(percentile(sortedCopy(latencies.refused), 0.99)),
        generatorLagP99: round(loopDelay.percentile(99) / 1e6),
        maxWaitingForConnection: maxWaiting,
      };
    },
  };
}
