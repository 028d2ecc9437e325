// Load shedding for the webhook fast path: answer at once, even under overload. A request is
// admitted while fewer than `maxInFlight` are being worked on (from arrival to answer); past
// it, it is refused before its body is read. The bound also caps how much work one turn of the
// event loop takes on (the requests admitted in a turn wait for the same group commit), which is
// what keeps the admitted requests' latency flat however many more are offered.
// Event-loop delay is not used as a signal: on a busy host it rises while this process is idle
// (the CPU is taken by others), and refusing then would turn a slow neighbour into 503s.

export type Admission = {
  /** Counts the request in and returns true, or returns false: refuse it. */
  tryEnter(): boolean;
  /** Call once for every admitted request, when it has been answered. */
  leave(): void;
};

export function createAdmission(opts: { maxInFlight: number }): Admission {
  let inFlight = 0;
  return {
    tryEnter() {
      if (inFlight >= opts.maxInFlight) return false;
      inFlight++;
      return true;
    },
    leave() {
      inFlight--;
    },
  };
}
