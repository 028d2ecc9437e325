// The part of a request's headers the app reads: a web `Headers` has it, and so does the
// adapter over Node's IncomingMessage (lib/server/node-request.ts) that the webhook fast path uses.
export type HeaderReader = {
  /** The header's value (repeated ones joined with ", "), or null when absent. Names are lower case. */
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
};
