export type LimitedBody =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; receivedBytes: number }
  /** The body stream failed before its end: the client went away (or its connection broke) mid-body. */
  | { ok: false; aborted: true };

/**
 * Reads a request body, stopping as soon as it grows past `maxBytes`. A declared Content-Length
 * over the limit is refused without reading. Under the limit it is read in one go: HTTP framing
 * ends the body at Content-Length, so it cannot grow past it. Without one (chunked), the size
 * is counted while reading.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  try {
    return await readBody(request, maxBytes);
  } catch {
    // A request body only errors when its connection does: the sender's problem, not a failure here.
    return { ok: false, aborted: true };
  }
}

async function readBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const contentLength = request.headers.get("content-length");
  const declared = contentLength === null ? NaN : Number(contentLength);
  if (declared > maxBytes) return { ok: false, receivedBytes: declared };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  if (Number.isSafeInteger(declared) && declared >= 0) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength <= maxBytes ? { ok: true, bytes } : { ok: false, receivedBytes: bytes.byteLength };
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, receivedBytes: total };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
