// Whether this process is busy answering webhooks. The in-process worker gives way to them:
// answering at once is the promise to senders, while runs wait durably in the queue. Without
// this, a burst of webhooks and the worker fight over the CPU and the SQLite writer.
// Each request spends most of its time in synchronous work, so "in flight right now" is
// nearly always zero between requests: a request that started in the last QUIET_MS counts too.
const QUIET_MS = 100;

const globalForLoad = globalThis as typeof globalThis & {
  __ingestionLoad?: { inFlight: number; lastStartedAt: number };
};
const load = (globalForLoad.__ingestionLoad ??= { inFlight: 0, lastStartedAt: 0 });

/** Counts one request in; call the returned function when it has been answered. */
export function trackIngestion(): () => void {
  load.inFlight++;
  load.lastStartedAt = Date.now();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    load.inFlight--;
  };
}

export function isIngesting(now = Date.now()): boolean {
  return load.inFlight > 0 || now - load.lastStartedAt < QUIET_MS;
}
