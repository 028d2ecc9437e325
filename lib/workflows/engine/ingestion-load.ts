// How many webhook requests this process is answering right now. The in-process worker gives
// way to them: answering at once is the promise to senders, while runs wait durably in the
// queue. Without this, a burst of webhooks and the worker fight over the same SQLite writer.
const globalForLoad = globalThis as typeof globalThis & { __ingestionsInFlight?: { count: number } };
const load = (globalForLoad.__ingestionsInFlight ??= { count: 0 });

/** Counts one request in; call the returned function when it has been answered. */
export function trackIngestion(): () => void {
  load.count++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    load.count--;
  };
}

export function ingestionsInFlight(): number {
  return load.count;
}
