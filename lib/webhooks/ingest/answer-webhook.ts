import "server-only";

import { getIngestStore } from "./get-ingest-store";
import { ingest } from "./ingest";
import { ingestErrorResponse, type IngestResponse } from "./ingest-errors";
import type { IngestRequest } from "./ingest-request";
import { getIngestSettings } from "./ingest-settings";

/**
 * The public endpoint's answer to one request, whichever server adapter received it (the fast
 * path in lib/server/webhook-endpoint.ts, or the Next.js route when the app runs without it).
 * An unexpected failure stored nothing, so the sender is told to retry rather than to give up.
 */
export async function answerWebhook(opts: { request: IngestRequest; webhookId: string }): Promise<IngestResponse> {
  try {
    return await ingest({ ...opts, store: await getIngestStore(), settings: getIngestSettings() });
  } catch (error) {
    console.error(`webhook ${opts.webhookId}: ingestion failed`, error);
    return { ...ingestErrorResponse("temporarily_unavailable"), headers: { "retry-after": "5" } };
  }
}
