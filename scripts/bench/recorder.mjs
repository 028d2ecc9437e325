// What one load run saw: answers by status, latencies of 2xx and of 503 answers, 503s without
// Retry-After, transport failures, and the delivery id of every 202 (pushed to the caller's
// array, to check afterwards that each one was stored).

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const hasRetryAfter = (headers) => Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "retry-after");

export function createRecorder({ deliveryIds = [] } = {}) {
  const byStatus = {};
  const latencies = [];
  const refusedLatencies = [];
  const failures = { errors: 0, timeouts: 0, unanswered: 0 };
  let retryAfterMissing = 0;
  let sent = 0;

  return {
    sent: () => sent++,
    /** latencyMs is given by the paced load; the closed load takes autocannon's histogram instead. */
    response(status, headers, body, latencyMs) {
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (latencyMs !== undefined && status >= 200 && status < 300) latencies.push(latencyMs);
      if (latencyMs !== undefined && status === 503) refusedLatencies.push(latencyMs);
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
      const sorted = latencies.sort((a, b) => a - b);
      const refusedSorted = refusedLatencies.sort((a, b) => a - b);
      const count = (predicate) =>
        Object.entries(byStatus).reduce((sum, [status, n]) => sum + (predicate(Number(status)) ? n : 0), 0);
      const ok = count((status) => status >= 200 && status < 300);
      return {
        seconds,
        offeredPerSecond: sent > 0 ? Math.round(sent / seconds) : undefined,
        answered: count(() => true),
        okPerSecond: Math.round(ok / answerSeconds),
        byStatus: { ...byStatus },
        accepted: byStatus[202] ?? 0,
        refused503: byStatus[503] ?? 0,
        other: count((status) => status !== 202 && status !== 503),
        retryAfterMissing,
        ...failures,
        p50: latency ? latency.p50 : round(percentile(sorted, 0.5)),
        p99: latency ? latency.p99 : round(percentile(sorted, 0.99)),
        max: latency ? latency.max : round(sorted.at(-1) ?? null),
        refusedP99: round(percentile(refusedSorted, 0.99)),
      };
    },
  };
}

const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
