import { DomainError } from "@/lib/errors/domain-error";
import { readLimitedBody } from "@/lib/webhooks/ingest/read-limited-body";

/** The largest management request body: far above any form's JSON, far below what hurts memory. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * Reads a management request's JSON body, refusing it with a clear message when it is not JSON
 * or larger than `maxBytes`. The size is enforced while reading (a declared Content-Length over
 * it is refused unread), so a huge or endless body never sits in memory.
 */
export async function readJsonBody(request: Request, opts: { maxBytes?: number } = {}): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new DomainError({
      code: "unsupported_media_type",
      message: "Send the body as JSON with Content-Type: application/json",
    });
  }
  const maxBytes = opts.maxBytes ?? MAX_JSON_BODY_BYTES;
  const body = await readLimitedBody(request, maxBytes);
  if (!body.ok) {
    throw new DomainError({
      code: "payload_too_large",
      message: `The request body is larger than ${maxBytes} bytes, the most this endpoint accepts`,
    });
  }
  try {
    return JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    throw new DomainError({ code: "malformed_json", message: "The request body is not valid JSON" });
  }
}
