import "server-only";
import { createId } from "@/lib/ids";
import { maskHeaders } from "@/lib/deliveries/mask-headers";
import { WebhookGoneError, type IngestStore, type DeliveryRecord } from "./ingest-store";
import { invalidateCachedWebhook } from "./webhook-cache";
import { notifyExecutionQueued } from "@/lib/workflows/engine/queue-signal";
import { ingestErrorResponse, ingestErrors, type IngestErrorCode, type IngestResponse } from "./ingest-errors";
import { readLimitedBody } from "./read-limited-body";
import { verifySignature } from "./verify";
import { loadIngestWebhook } from "./load-ingest-webhook";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Rejected requests kept per webhook; older ones are dropped so unsigned traffic stays bounded. */
export const REJECTED_DELIVERIES_KEPT = 200;
/** Bytes of a rejected body kept for the log. */
const REJECTED_BODY_PREVIEW = 2048;

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const webhookIdPattern = /^[\w-]{1,64}$/;
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;
// ignoreBOM keeps a leading byte-order mark in the stored body, so it matches the signed bytes.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function parseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch {
    return { ok: false };
  }
}

/**
 * The webhook hot path: find the webhook, check the request, verify the signature, then store
 * the delivery and its queued execution in one transaction and answer 202. Nothing slow runs
 * before the answer; the workflow runs later from the queue.
 */
export async function ingest(opts: { request: Request; webhookId: string; store: IngestStore; maxBodyBytes: number }): Promise<IngestResponse> {
  try {
    return await ingestRequest(opts);
  } catch (error) {
    if (!(error instanceof WebhookGoneError)) throw error;
    invalidateCachedWebhook(opts.webhookId);
    return ingestErrorResponse("webhook_not_found");
  }
}

async function ingestRequest(opts: { request: Request; webhookId: string; store: IngestStore; maxBodyBytes: number }): Promise<IngestResponse> {
  const { request, store } = opts;
  const receivedAt = new Date();
  if (!webhookIdPattern.test(opts.webhookId)) return ingestErrorResponse("webhook_not_found");
  const webhook = await loadIngestWebhook({ store, webhookId: opts.webhookId });
  if (!webhook) return ingestErrorResponse("webhook_not_found");

  const record = (bytes: Uint8Array | null, bodyBytes: number): DeliveryRecord => {
    // NUL cannot be stored in PostgreSQL text; a rejected body is only a preview, so it is replaced.
    const text = bytes ? new TextDecoder().decode(bytes.subarray(0, REJECTED_BODY_PREVIEW)).replaceAll("\u0000", "\ufffd") : "";
    return {
      id: createId("dlv"),
      webhookId: webhook.id,
      receivedAt,
      httpStatus: 0,
      headers: JSON.stringify(maskHeaders(request.headers)),
      body: text,
      bodyBytes,
      bodyTruncated: bodyBytes > (bytes ? Math.min(bytes.byteLength, REJECTED_BODY_PREVIEW) : 0),
      sourceIp: request.headers.get("x-forwarded-for")?.split(",")[0].trim() || request.headers.get("x-real-ip"),
    };
  };
  const reject = async (code: IngestErrorCode, bytes: Uint8Array | null, bodyBytes: number): Promise<IngestResponse> => {
    const response = ingestErrorResponse(code);
    const delivery = { ...record(bytes, bodyBytes), httpStatus: response.status, errorCode: code, errorMessage: ingestErrors[code].message };
    await store.recordRejection({ delivery, keep: REJECTED_DELIVERIES_KEPT });
    return response;
  };

  if (!webhook.enabled) return reject("webhook_disabled", null, 0);
  if (!jsonContentType.test(request.headers.get("content-type") ?? "")) return reject("unsupported_media_type", null, 0);

  const body = await readLimitedBody(request, opts.maxBodyBytes);
  if (!body.ok) {
    const response = await reject("payload_too_large", null, body.receivedBytes);
    return { ...response, body: { error: { code: "payload_too_large", message: `The body is larger than ${opts.maxBodyBytes} bytes, the most this endpoint accepts` } } };
  }
  const bytes = body.bytes;

  const keys = webhook.verificationKeys(receivedAt.getTime());
  if (keys.length === 0) return reject("no_signing_key", bytes, bytes.byteLength);

  let text: string | null | undefined;
  const bodyText = () => (text === undefined ? (text = decodeUtf8(bytes)) : text);
  let parsed: ReturnType<typeof parseJson> | undefined;
  const parsedBody = () => (parsed ??= parseJson(bodyText()));

  const verification = verifySignature({
    rawBody: bytes,
    signatureHeader: request.headers.get("x-signature"),
    keys,
    canonicalBody: () => {
      const json = parsedBody();
      return json.ok ? JSON.stringify(json.value) : null;
    },
  });
  if (!verification.ok) return reject(verification.reason, bytes, bytes.byteLength);
  if (!parsedBody().ok) return reject("malformed_json", bytes, bytes.byteLength);

  const idempotencyKey = request.headers.get("idempotency-key") ?? request.headers.get("x-idempotency-key");
  if (idempotencyKey !== null && !idempotencyKeyPattern.test(idempotencyKey)) return reject("invalid_idempotency_key", bytes, bytes.byteLength);

  const result = await store.acceptDelivery({
    delivery: {
      ...record(null, bytes.byteLength),
      httpStatus: 202,
      body: bodyText() as string,
      bodyTruncated: false,
      verifiedWith: verification.verifiedWith,
      signedForm: verification.signedForm,
      idempotencyKey,
    },
    execution: { id: createId("run"), agentId: webhook.agentId, workflowId: webhook.workflowId, workflowVersion: webhook.workflowVersion, maxAttempts: webhook.maxAttempts },
    idempotencyWindowMs: IDEMPOTENCY_WINDOW_MS,
  });
  if (!result.duplicate) notifyExecutionQueued();
  return {
    status: result.duplicate ? 200 : 202,
    body: { deliveryId: result.deliveryId, executionId: result.executionId, status: result.executionStatus, ...(result.duplicate ? { duplicate: true } : {}) },
  };
}
