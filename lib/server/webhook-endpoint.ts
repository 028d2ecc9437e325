import "server-only";

import type { IncomingMessage, ServerResponse } from "node:http";

import { securityHeaders } from "@/lib/incoming/security-headers";
import { answerWebhook } from "@/lib/webhooks/ingest/answer-webhook";
import { ingestErrorResponse, type IngestResponse } from "@/lib/webhooks/ingest/ingest-errors";

import type { Admission } from "./admission";
import { nodeIngestRequest } from "./node-request";

const webhookPath = /^\/api\/webhooks\/([^/?#]+)(?:\?.*)?$/;

/** The webhook id when this is a request the fast path answers (POST /api/webhooks/:id), else null. */
export function fastPathWebhookId(req: IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  const match = webhookPath.exec(req.url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * The public endpoint on Node's own request and response, past Next's router: the same
 * `answerWebhook` as the Next.js route, with the same security headers, at a fraction of the
 * cost. Admission comes first: a refused request is answered 503 before anything is read.
 */
export function createWebhookEndpoint(opts: { development: boolean; admission: Admission }) {
  const baseHeaders: Record<string, string> = Object.fromEntries(
    securityHeaders({ development: opts.development }).map(({ key, value }) => [key.toLowerCase(), value]),
  );
  const send = (res: ServerResponse, reply: IngestResponse) => {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...baseHeaders,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      ...reply.headers,
      // The rest of an oversized body is not read: the connection cannot carry another request.
      ...(reply.status === 413 ? { connection: "close" } : {}),
    });
    res.end(body);
  };

  return async function handleWebhook(req: IncomingMessage, res: ServerResponse, webhookId: string): Promise<void> {
    if (!opts.admission.tryEnter()) {
      send(res, { ...ingestErrorResponse("overloaded"), headers: { "retry-after": "1" } });
      return;
    }
    try {
      send(res, await answerWebhook({ request: nodeIngestRequest(req), webhookId }));
    } finally {
      opts.admission.leave();
    }
  };
}
