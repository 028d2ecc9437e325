import { describe, expect, it } from "vitest";

import { readLimitedBody } from "./read-limited-body";

const url = "http://localhost/api/webhooks/wh_1";
const LIMIT = 1024;

/** A body streamed in chunks, as a chunked upload arrives: no Content-Length. Counts the chunks pulled. */
function streamed(chunks: Uint8Array[]) {
  const state = { pulled: 0, cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index === chunks.length) return controller.close();
      state.pulled++;
      controller.enqueue(chunks[index++]);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function streamedRequest(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
}

const bytes = (length: number, fill = 0x61) => new Uint8Array(length).fill(fill);

describe("readLimitedBody", () => {
  it.each([
    ["under the limit in several chunks", [bytes(300, 0x61), bytes(300, 0x62), bytes(400, 0x63)]],
    ["exactly at the limit in several chunks", [bytes(1000, 0x61), bytes(24, 0x62)]],
    ["exactly at the limit in one chunk", [bytes(LIMIT)]],
    ["one byte", [bytes(1)]],
  ])("reads a streamed body %s, byte for byte", async (_name, chunks) => {
    const { stream } = streamed(chunks);
    const request = streamedRequest(stream);
    expect(request.headers.get("content-length")).toBeNull();
    const result = await readLimitedBody(request, LIMIT);
    const expected = Buffer.concat(chunks);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Buffer.from(result.bytes).equals(expected)).toBe(true);
  });

  it("refuses a streamed body one byte over the limit", async () => {
    const { stream, state } = streamed([bytes(1000), bytes(25)]);
    expect(await readLimitedBody(streamedRequest(stream), LIMIT)).toEqual({ ok: false, receivedBytes: 1025 });
    expect(state.cancelled).toBe(true);
  });

  it("stops reading an endless body as soon as it passes the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(bytes(100));
      },
    });
    const result = await readLimitedBody(streamedRequest(endless), LIMIT);
    expect(result).toEqual({ ok: false, receivedBytes: 1100 });
    expect(pulled).toBeLessThan(20);
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { stream, state } = streamed([bytes(10)]);
    const request = streamedRequest(stream, { "content-length": String(LIMIT + 1) });
    expect(await readLimitedBody(request, LIMIT)).toEqual({ ok: false, receivedBytes: LIMIT + 1 });
    expect(request.bodyUsed).toBe(false);
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it("catches a small Content-Length that lies about a large body", async () => {
    const { stream } = streamed([bytes(2000), bytes(3000)]);
    const result = await readLimitedBody(streamedRequest(stream, { "content-length": "10" }), LIMIT);
    expect(result.ok).toBe(false);
    expect("receivedBytes" in result && result.receivedBytes).toBeGreaterThan(LIMIT);
  });

  it.each([
    ["a declared Content-Length", { "content-length": "600" }],
    ["a chunked upload", {}],
  ])("reports a body that breaks off mid-way as aborted, with %s", async (_name, headers) => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        sent = true;
        controller.enqueue(bytes(300));
      },
    });
    expect(await readLimitedBody(streamedRequest(stream, headers), LIMIT)).toEqual({ ok: false, aborted: true });
  });

  it.each(["not-a-number", "", "-5"])(
    "ignores a Content-Length of %j and reads what arrives",
    async (contentLength) => {
      const result = await readLimitedBody(
        streamedRequest(streamed([bytes(10)]).stream, { "content-length": contentLength }),
        LIMIT,
      );
      expect(result).toEqual({ ok: true, bytes: bytes(10) });
    },
  );

  it("reads a request without a body as empty", async () => {
    expect(await readLimitedBody(new Request(url, { method: "POST" }), LIMIT)).toEqual({
      ok: true,
      bytes: new Uint8Array(0),
    });
    expect(await readLimitedBody(new Request(url, { method: "POST", body: "" }), LIMIT)).toEqual({
      ok: true,
      bytes: new Uint8Array(0),
    });
  });

  it("reads an ordinary (non-streamed) body", async () => {
    const result = await readLimitedBody(new Request(url, { method: "POST", body: '{"a":1}' }), LIMIT);
    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe('{"a":1}');
  });
});
