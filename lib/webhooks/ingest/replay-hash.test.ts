import { describe, expect, it } from "vitest";

import { replayHashOf } from "./replay-hash";

const body = (text: string) => new TextEncoder().encode(text);
const signature = "ab".repeat(32);

describe("replayHashOf", () => {
  it("is the same for every spelling of one signature over one body", () => {
    const hash = replayHashOf({ signatureHeader: signature, rawBody: body('{"a":1}') });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const header of [signature.toUpperCase(), `sha256=${signature}`, ` SHA256=${signature} `])
      expect(replayHashOf({ signatureHeader: header, rawBody: body('{"a":1}') })).toBe(hash);
  });

  it("differs when the body or the signature differs by one byte", () => {
    const hash = replayHashOf({ signatureHeader: signature, rawBody: body('{"a":1}') });
    expect(replayHashOf({ signatureHeader: signature, rawBody: body('{"a":2}') })).not.toBe(hash);
    expect(replayHashOf({ signatureHeader: `${"ab".repeat(31)}ac`, rawBody: body('{"a":1}') })).not.toBe(hash);
    expect(replayHashOf({ signatureHeader: signature, rawBody: body('{"a":1} ') })).not.toBe(hash);
  });
});
