import type { HeaderReader } from "@/lib/incoming/header-reader";

import { readLimitedBody, type LimitedBody } from "./read-limited-body";

/**
 * What `ingest()` reads of a request: its headers and its body, read at most once and never past
 * `maxBytes`. The fast path (lib/server/node-request.ts) implements it on Node's IncomingMessage
 * without building a web Request; tests and other callers wrap a web Request with
 * `fromWebRequest`.
 */
export type IngestRequest = {
  headers: HeaderReader;
  readBody(maxBytes: number): Promise<LimitedBody>;
};

export function fromWebRequest(request: Request): IngestRequest {
  return { headers: request.headers, readBody: (maxBytes) => readLimitedBody(request, maxBytes) };
}
