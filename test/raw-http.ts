// HTTP/1.1 over a plain socket, for tests that must control exactly which bytes reach the server
// and when: a request whose body stops halfway, one that declares a body and never sends it.
// Answers are parsed as they arrive (interim 100 Continue included), each with a Content-Length.
import { connect, type Socket } from "node:net";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

export type RawConnection = {
  write: (data: string | Buffer) => void;
  /**
   * The next answer on this connection (a 100 Continue counts); rejects if the connection ends
   * first, or when none came within `timeoutMs` (15 s): a server waiting for bytes never sent.
   */
  nextResponse: (opts?: { timeoutMs?: number }) => Promise<RawResponse>;
  close: () => void;
};

/** Parses one complete response at the start of `buffer`, or returns null while it is incomplete. */
function parseResponse(buffer: Buffer): { response: RawResponse; length: number } | null {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const [statusLine, ...lines] = buffer.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyLength = status === 100 ? 0 : Number(headers["content-length"] ?? 0);
  const length = headEnd + 4 + bodyLength;
  if (buffer.byteLength < length) return null;
  return { response: { status, headers, body: buffer.subarray(headEnd + 4, length).toString("utf8") }, length };
}

export async function openRawConnection(origin: string): Promise<RawConnection> {
  const { hostname, port } = new URL(origin);
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect({ host: hostname, port: Number(port) }, () => resolve(opened));
    opened.once("error", reject);
  });
  let buffer = Buffer.alloc(0);
  const responses: RawResponse[] = [];
  const waiting: { resolve: (response: RawResponse) => void; reject: (error: Error) => void }[] = [];
  let ended: Error | null = null;
  const deliver = () => {
    while (responses.length > 0 && waiting.length > 0) waiting.shift()!.resolve(responses.shift()!);
    if (ended) while (waiting.length > 0) waiting.shift()!.reject(ended);
  };
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let parsed = parseResponse(buffer); parsed; parsed = parseResponse(buffer)) {
      responses.push(parsed.response);
      buffer = buffer.subarray(parsed.length);
    }
    deliver();
  });
  const onEnd = (error?: Error) => {
    ended = error ?? new Error("The connection closed before the answer was complete");
    deliver();
  };
  socket.on("error", onEnd);
  socket.on("close", () => onEnd());
  return {
    write: (data) => void socket.write(data),
    nextResponse: ({ timeoutMs = 15_000 } = {}) =>
      new Promise((resolve, reject) => {
        const waiter = {
          resolve: (response: RawResponse) => (clearTimeout(timer), resolve(response)),
          reject: (error: Error) => (clearTimeout(timer), reject(error)),
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new Error(`No answer within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.push(waiter);
        deliver();
      }),
    close: () => socket.destroy(),
  };
}

/** The head of a POST with these headers (Host is added), ready for a body of its Content-Length. */
export function requestHead(opts: { path: string; headers: Record<string, string | number> }): string {
  const lines = [`POST ${opts.path} HTTP/1.1`, "Host: 127.0.0.1"];
  for (const [name, value] of Object.entries(opts.headers)) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}
