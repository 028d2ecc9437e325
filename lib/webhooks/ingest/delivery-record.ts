import { maskHeaders } from "@/lib/deliveries/mask-headers";
import { createId } from "@/lib/ids";
import type { HeaderReader } from "@/lib/incoming/header-reader";

import type { DeliveryRecord } from "./ingest-store";

/** Bytes of a rejected body kept for the log. */
const REJECTED_BODY_PREVIEW = 2048;
/** The largest size the log's 32-bit column holds: a declared Content-Length can claim anything. */
const MAX_LOGGED_BYTES = 2_147_483_647;

/**
 * The log's row for a request: masked headers, the source, and a preview of `bytes` (a rejected
 * body is kept only in part); an accepted delivery replaces the body with the whole of it.
 */
export function toDeliveryRecord(opts: {
  request: { headers: HeaderReader };
  webhookId: string;
  receivedAt: Date;
  clientIp: string | null;
  bytes: Uint8Array | null;
  bodyBytes: number;
}): DeliveryRecord {
  const { request, bytes, bodyBytes } = opts;
  // NUL cannot be stored in PostgreSQL text; a rejected body is only a preview, so it is replaced.
  const text = bytes
    ? new TextDecoder().decode(bytes.subarray(0, REJECTED_BODY_PREVIEW)).replaceAll("\u0000", "\ufffd")
    : "";
  return {
    id: createId("dlv"),
    webhookId: opts.webhookId,
    receivedAt: opts.receivedAt,
    httpStatus: 0,
    headers: JSON.stringify(maskHeaders(request.headers)),
    body: text,
    bodyBytes: Math.min(bodyBytes, MAX_LOGGED_BYTES),
    bodyTruncated: bodyBytes > (bytes ? Math.min(bytes.byteLength, REJECTED_BODY_PREVIEW) : 0),
    sourceIp: opts.clientIp ?? request.headers.get("x-real-ip")?.slice(0, 100) ?? null,
  };
}
