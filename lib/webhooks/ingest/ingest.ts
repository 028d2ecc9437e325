import "server-only";

import { createId } from "@/lib/ids";
import { getClientIp } from "@/lib/incoming/client-ip";
import { parseUntrustedJson, type UntrustedJson } from "@/lib/json/parse-untrusted-json";
import { notifyExecutionQueued } from "@/lib/workflows/engine/queue-signal";

import { verifyRequest } from "../signing/verify-request";
import { admitRequest, shouldLogRejection, takeRejected, takeVerified, type Admission } from "./admit-request";
import { toDeliveryRecord } from "./delivery-record";
import { ingestErrorResponse, ingestErrors, type IngestErrorCode, type IngestResponse } from "./ingest-errors";
import type { IngestRequest } from "./ingest-request";
import type { IngestSettings } from "./ingest-settings";
import { WebhookGoneError, type IngestStore } from "./ingest-store";
import { loadIngestWebhook } from "./load-ingest-webhook";
import { replayHashOf } from "./replay-hash";
import { invalidateCachedWebhook } from "./webhook-cache";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Rejected requests kept per webhook; older ones are dropped so unsigned traffic stays bounded. */
export const REJECTED_DELIVERIES_KEPT = 200;

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

type IngestOptions = { request: IngestRequest; webhookId: string; store: IngestStore; settings: IngestSettings };

/**
 * The webhook hot path: find the webhook, admit the sender (allow-list, rate limit), check the
 * request, verify the signature, then store the delivery and its queued execution in one
 * transaction and answer 202. Nothing slow runs before the answer; the workflow runs later.
 */
export async function ingest(opts: IngestOptions): Promise<IngestResponse> {
  try {
    return await ingestRequest(opts);
  } catch (error) {
    if (!(error instanceof WebhookGoneError)) throw error;
    invalidateCachedWebhook(opts.webhookId);
    return ingestErrorResponse("webhook_not_found");
  }
}

async function ingestRequest(opts: IngestOptions): Promise<IngestResponse> {
  const { request, store, settings } = opts;
  const receivedAt = new Date();
  if (!webhookIdPattern.test(opts.webhookId)) return ingestErrorResponse("webhook_not_found");
  const webhook = await loadIngestWebhook({ store, webhookId: opts.webhookId });
  if (!webhook) return ingestErrorResponse("webhook_not_found");
  const clientIp = getClientIp({ request, trustedProxyHops: settings.trustedProxyHops });

  const record = (bytes: Uint8Array | null, bodyBytes: number) =>
    toDeliveryRecord({ request, webhookId: webhook.id, receivedAt, clientIp, bytes, bodyBytes });
  const log = async (
    code: IngestErrorCode,
    bytes: Uint8Array | null,
    bodyBytes: number,
    message: string = ingestErrors[code].message,
  ): Promise<IngestResponse> => {
    const response = ingestErrorResponse(code, message);
    const delivery = {
      ...record(bytes, bodyBytes),
      httpStatus: response.status,
      errorCode: code,
      errorMessage: message,
    };
    await store.recordRejection({ delivery, keep: REJECTED_DELIVERIES_KEPT });
    return response;
  };
  const refuse = async (admission: Exclude<Admission, { ok: true }>): Promise<IngestResponse> => {
    const response = admission.record ? await log(admission.code, null, 0) : ingestErrorResponse(admission.code);
    return admission.code === "rate_limited"
      ? { ...response, headers: { "retry-after": String(admission.retryAfterSeconds) } }
      : response;
  };
  // A refusal uses up its source's tokens, never the webhook's (see admit-request.ts).
  const reject: typeof log = async (code, bytes, bodyBytes, message = ingestErrors[code].message) => {
    const source = takeRejected({ webhookId: webhook.id, clientIp, limit: settings.rejectedRateLimit });
    if (!source.ok) return refuse(source);
    return shouldLogRejection({ webhookId: webhook.id, limit: settings.rejectedRateLimit })
      ? log(code, bytes, bodyBytes, message)
      : ingestErrorResponse(code, message);
  };

  if (!webhook.enabled) return reject("webhook_disabled", null, 0);
  const admission = admitRequest({ webhook, clientIp, defaults: settings.rateLimit });
  if (!admission.ok) return refuse(admission);
  if (!jsonContentType.test(request.headers.get("content-type") ?? ""))
    return reject("unsupported_media_type", null, 0);

  const body = await request.readBody(settings.maxBodyBytes);
  // The sender is gone: nothing to store, and nobody to read more than a short answer.
  if ("aborted" in body) return ingestErrorResponse("request_aborted");
  if (!body.ok)
    return reject(
      "payload_too_large",
      null,
      body.receivedBytes,
      `The body is larger than ${settings.maxBodyBytes} bytes, the most this endpoint accepts`,
    );
  const bytes = body.bytes;

  const keys = webhook.verificationKeys(receivedAt.getTime());
  if (keys.length === 0) return reject("no_signing_key", bytes, bytes.byteLength);

  let text: string | null | undefined;
  const bodyText = () => (text === undefined ? (text = decodeUtf8(bytes)) : text);
  let parsed: UntrustedJson | undefined;
  // Hostile JSON (forbidden keys, nesting past 64 levels) is refused, here and for the canonical form.
  const parsedBody = (): UntrustedJson => {
    const decoded = bodyText();
    return (parsed ??=
      decoded === null
        ? { ok: false, reason: "malformed_json" }
        : parseUntrustedJson(decoded, { hostileKeys: "reject" }));
  };

  const verification = verifyRequest({
    scheme: webhook.signatureScheme,
    headers: request.headers,
    rawBody: bytes,
    keys,
    canonicalBody: () => {
      const json = parsedBody();
      return json.ok ? JSON.stringify(json.value) : null;
    },
    now: receivedAt.getTime(),
  });
  if (!verification.ok) return reject(verification.code, bytes, bytes.byteLength, verification.message);
  const json = parsedBody();
  if (!json.ok) return reject(json.reason, bytes, bytes.byteLength);

  const idempotencyKey =
    verification.messageId ?? request.headers.get("idempotency-key") ?? request.headers.get("x-idempotency-key");
  if (idempotencyKey !== null && !idempotencyKeyPattern.test(idempotencyKey))
    return reject("invalid_idempotency_key", bytes, bytes.byteLength);
  const tokens = takeVerified({ webhook, defaults: settings.rateLimit });
  if (!tokens.ok) return refuse(tokens);

  const signatureHeader = request.headers.get("x-signature");
  const replayHash =
    webhook.replayProtection && webhook.signatureScheme === "x-signature" && signatureHeader
      ? replayHashOf({ signatureHeader, rawBody: bytes })
      : null;
  const result = await store.acceptDelivery({
    delivery: {
      ...record(null, bytes.byteLength),
      httpStatus: 202,
      // What runs is what was signed: for the compact form, exactly the string that verified.
      body: verification.signedForm === "canonical" ? JSON.stringify(json.value) : (bodyText() as string),
      bodyTruncated: false,
      verifiedWith: verification.verifiedWith,
      signedForm: verification.signedForm,
      idempotencyKey,
      replayHash,
    },
    execution: {
      id: createId("run"),
      agentId: webhook.agentId,
      workflowId: webhook.workflowId,
      workflowVersion: webhook.workflowVersion,
      maxAttempts: webhook.maxAttempts,
    },
    idempotencyWindowMs: IDEMPOTENCY_WINDOW_MS,
  });
  if (result.kind === "idempotency_key_reused") return reject("idempotency_key_reused", bytes, bytes.byteLength);
  if (result.kind === "accepted") notifyExecutionQueued();
  const duplicate = result.kind === "duplicate";
  return {
    status: duplicate ? 200 : 202,
    body: {
      deliveryId: result.deliveryId,
      executionId: result.executionId,
      status: result.executionStatus,
      ...(duplicate ? { duplicate: true } : {}),
    },
  };
}
