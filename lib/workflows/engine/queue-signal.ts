// Lets code that queues a run (the webhook hot path, retries, replays) wake this process's
// worker at once instead of waiting for its next poll. Other processes find the run by polling.
const globalForSignal = globalThis as typeof globalThis & { __executionQueuedListeners?: Set<() => void> };
const listeners = (globalForSignal.__executionQueuedListeners ??= new Set());

export function onExecutionQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyExecutionQueued(): void {
  for (const listener of listeners) listener();
}
