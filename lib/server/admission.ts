import { performance } from "node:perf_hooks";

// Load shedding for the webhook fast path: answer at once, even under overload. A request is
// admitted while fewer than `maxInFlight` are being worked on and the event loop is not lagging;
// otherwise it is refused before its body is read. The in-flight bound also caps how much work
// one turn of the event loop takes on (requests admitted in a turn wait for the same group
// commit), which is what keeps the admitted requests' latency flat as the offered load grows.

export type AdmissionLimits = { maxInFlight: number; maxEventLoopDelayMs: number };

/** Pure: whether one more request may start now. */
export function mayAdmit(opts: AdmissionLimits & { inFlight: number; eventLoopDelayMs: number }): boolean {
  return opts.inFlight < opts.maxInFlight && opts.eventLoopDelayMs <= opts.maxEventLoopDelayMs;
}

export type Admission = {
  /** Counts the request in and returns true, or returns false: refuse it. */
  tryEnter(): boolean;
  /** Call once for every admitted request, when it has been answered. */
  leave(): void;
  stop(): void;
};

const SAMPLE_INTERVAL_MS = 20;

export function createAdmission(limits: AdmissionLimits): Admission {
  let inFlight = 0;
  let eventLoopDelayMs = 0;
  // How late a short timer fires is how long the loop was blocked before it: the freshest
  // delay signal there is (a histogram's mean would keep shedding after the stall ended).
  let expectedAt = performance.now() + SAMPLE_INTERVAL_MS;
  const sampler = setInterval(() => {
    const now = performance.now();
    eventLoopDelayMs = Math.max(0, now - expectedAt);
    expectedAt = now + SAMPLE_INTERVAL_MS;
  }, SAMPLE_INTERVAL_MS);
  sampler.unref();

  return {
    tryEnter() {
      if (!mayAdmit({ ...limits, inFlight, eventLoopDelayMs })) return false;
      inFlight++;
      return true;
    },
    leave() {
      inFlight--;
    },
    stop: () => clearInterval(sampler),
  };
}
