import { describe, expect, it } from "vitest";

import { DomainError } from "@/lib/errors/domain-error";

import { readJsonBody } from "./read-json-body";

const chunk = new Uint8Array(16 * 1024).fill(0x20);

/** A body that never ends, counting what the reader pulled from it. */
function endlessBody() {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

const jsonRequest = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("parses a JSON body under the cap", async () => {
    expect(await readJsonBody(jsonRequest('{"a":[1,2]}'), { maxBytes: 1024 })).toEqual({ a: [1, 2] });
  });

  it("stops reading an endless body at the cap and refuses it with payload_too_large", async () => {
    const { stream, pulled } = endlessBody();
    const error = await refusal(readJsonBody(jsonRequest(stream), { maxBytes: 64 * 1024 }));
    expect(error.code).toBe("payload_too_large");
    // At most the cap plus the chunk that crossed it (and one the stream queued ahead).
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 2 * chunk.byteLength);
  });

  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    const { stream, pulled } = endlessBody();
    const error = await refusal(readJsonBody(jsonRequest(stream, { "content-length": "5000000" }), { maxBytes: 1024 }));
    expect(error.code).toBe("payload_too_large");
    expect(pulled.bytes).toBeLessThanOrEqual(chunk.byteLength);
  });

  it("uses a 1 MiB cap by default", async () => {
    const oneMiB = `"${"x".repeat(1024 * 1024 - 2)}"`;
    expect(await readJsonBody(jsonRequest(oneMiB))).toHaveLength(1024 * 1024 - 2);
    expect((await refusal(readJsonBody(jsonRequest(`${oneMiB} `)))).code).toBe("payload_too_large");
  });

  it.each([
    ["text/plain", "unsupported_media_type"],
    ["application/json", "malformed_json"],
  ])("with Content-Type %s refuses a body that is not JSON: %s", async (contentType, code) => {
    const error = await refusal(readJsonBody(jsonRequest("{nope", { "content-type": contentType })));
    expect(error.code).toBe(code);
  });
});
