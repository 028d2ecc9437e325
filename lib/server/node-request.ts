import type { IncomingMessage } from "node:http";

import type { HeaderReader } from "@/lib/incoming/header-reader";
import type { IngestRequest } from "@/lib/webhooks/ingest/ingest-request";
import type { LimitedBody } from "@/lib/webhooks/ingest/read-limited-body";

// The webhook fast path reads Node's IncomingMessage directly: building a web Request (and its
// Headers) per request costs more than the rest of the hot path before the database.

function nodeHeaders(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
    forEach(callback) {
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) callback(Array.isArray(value) ? value.join(", ") : value, name);
    },
  };
}

/**
 * Reads the body once, stopping as soon as it grows past `maxBytes` (a declared Content-Length
 * over it is refused without reading). A connection that closes before the body's end is
 * `aborted`: the sender is gone.
 */
function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > maxBytes) return Promise.resolve({ ok: false, receivedBytes: declared });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (result: LimitedBody) => {
      req.off("data", onData).off("end", onEnd).off("error", onAbort).off("close", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) chunks.push(chunk);
      else {
        // The rest is not read: the answer says 413 and closes the connection (see webhook-endpoint.ts).
        req.pause();
        settle({ ok: false, receivedBytes: total });
      }
    };
    const onEnd = () => settle({ ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) });
    const onAbort = () => settle({ ok: false, aborted: true });
    const onClose = () => {
      if (!req.complete) onAbort();
    };
    req.on("data", onData).on("end", onEnd).on("error", onAbort).on("close", onClose);
  });
}

export function nodeIngestRequest(req: IncomingMessage): IngestRequest {
  return { headers: nodeHeaders(req), readBody: (maxBytes) => readNodeBody(req, maxBytes) };
}
