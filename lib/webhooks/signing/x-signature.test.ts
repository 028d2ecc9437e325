// Table-driven signature verification, in the manner of the Standard Webhooks JS library: each
// row is a request as a sender might produce it and the verdict the endpoint must reach.
import { createHmac } from "node:crypto";

import { describe, expect, it, vi } from "vitest";

import type { VerificationKey } from "./signature-scheme";
import { parseSignatureHeader, signBody, verifySignature, type VerificationResult } from "./x-signature";

const currentKey = "awk_Jm3p0Q1d2n7cXf9Z-current-key_5rT8wYb6uVv4sLk2hGq";
const previousKey = "awk_Pv0Hs7kD4m1yR8eN-previous-key_3aB9cX2zQ6wE5tY0uI";
const keys: VerificationKey[] = [
  { privateKey: currentKey, label: "current" },
  { privateKey: previousKey, label: "previous" },
];

const body = {
  event: "invoice.paid",
  id: "inv_42",
  amount: 12.5,
  paid: true,
  lines: [{ sku: "A-1", qty: 2 }],
  note: 'héllo ✓ "quoted"',
};
const compact = JSON.stringify(body, null, 0);
const pretty = JSON.stringify(body, null, 2);
const { id: bodyId, ...bodyRest } = body;
const reordered = JSON.stringify({ id: bodyId, ...bodyRest });

/** Exactly how the reference client signs: HMAC-SHA256 of JSON.stringify(body), hex. */
function referenceSignature(privateKey: string, payload: unknown = body): string {
  return createHmac("sha256", privateKey)
    .update(JSON.stringify(payload, null, 0))
    .digest("hex");
}
function hmacHex(privateKey: string, raw: string | Uint8Array): string {
  return createHmac("sha256", privateKey).update(raw).digest("hex");
}
/** What ingest() passes as canonicalBody: the compact form of the parsed body, or null when it is not JSON. */
function canonicalOf(raw: string): () => string | null {
  return () => {
    try {
      return JSON.stringify(JSON.parse(raw));
    } catch {
      return null;
    }
  };
}
function flipHexDigit(signature: string, index: number): string {
  const digit = signature[index];
  return signature.slice(0, index) + (digit === "0" ? "1" : "0") + signature.slice(index + 1);
}

type Case = {
  name: string;
  raw: string;
  header: string | null;
  keys?: VerificationKey[];
  expected: VerificationResult;
};

const ok = (verifiedWith: "current" | "previous", signedForm: "raw" | "canonical"): VerificationResult => ({
  ok: true,
  verifiedWith,
  signedForm,
});
const fail = (reason: "missing_signature" | "malformed_signature" | "signature_mismatch"): VerificationResult => ({
  ok: false,
  reason,
});
const signature = referenceSignature(currentKey);

const cases: Case[] = [
  {
    name: "the reference client's signature over the compact body it sent",
    raw: compact,
    header: signature,
    expected: ok("current", "raw"),
  },
  {
    name: "the same object sent pretty-printed, signed compact",
    raw: pretty,
    header: signature,
    expected: ok("current", "canonical"),
  },
  {
    name: "a pretty-printed body signed over its exact bytes",
    raw: pretty,
    header: hmacHex(currentKey, pretty),
    expected: ok("current", "raw"),
  },
  {
    name: "a non-JSON body signed over its exact bytes",
    raw: "plain text, not JSON",
    header: hmacHex(currentKey, "plain text, not JSON"),
    expected: ok("current", "raw"),
  },
  { name: "upper-case hex", raw: compact, header: signature.toUpperCase(), expected: ok("current", "raw") },
  {
    name: "mixed-case hex",
    raw: compact,
    header: signature.replace(/[a-f]/g, (c, i) => (i % 2 ? c.toUpperCase() : c)),
    expected: ok("current", "raw"),
  },
  { name: "a sha256= prefix", raw: compact, header: `sha256=${signature}`, expected: ok("current", "raw") },
  { name: "a SHA256= prefix", raw: compact, header: `SHA256=${signature}`, expected: ok("current", "raw") },
  {
    name: "a Sha256= prefix with upper-case hex",
    raw: compact,
    header: `Sha256=${signature.toUpperCase()}`,
    expected: ok("current", "raw"),
  },
  { name: "surrounding whitespace", raw: compact, header: `  \t${signature} \n`, expected: ok("current", "raw") },
  {
    name: "whitespace around a prefixed signature",
    raw: compact,
    header: ` sha256=${signature} `,
    expected: ok("current", "raw"),
  },
  {
    name: "the previous key's signature",
    raw: compact,
    header: referenceSignature(previousKey),
    expected: ok("previous", "raw"),
  },
  {
    name: "the previous key's signature of a pretty-printed body",
    raw: pretty,
    header: referenceSignature(previousKey),
    expected: ok("previous", "canonical"),
  },
  {
    name: "a signature by a key no longer listed",
    raw: compact,
    header: referenceSignature(previousKey),
    keys: [keys[0]],
    expected: fail("signature_mismatch"),
  },

  {
    name: "one byte of the body changed",
    raw: compact.replace("12.5", "12.6"),
    header: signature,
    expected: fail("signature_mismatch"),
  },
  {
    name: "one byte of a pretty-printed body changed",
    raw: pretty.replace("inv_42", "inv_43"),
    header: signature,
    expected: fail("signature_mismatch"),
  },
  {
    name: "the object's keys reordered after signing",
    raw: reordered,
    header: signature,
    expected: fail("signature_mismatch"),
  },
  {
    name: "the first hex digit of the signature changed",
    raw: compact,
    header: flipHexDigit(signature, 0),
    expected: fail("signature_mismatch"),
  },
  {
    name: "the last hex digit of the signature changed",
    raw: compact,
    header: flipHexDigit(signature, 63),
    expected: fail("signature_mismatch"),
  },
  {
    name: "the body's signature under another key",
    raw: compact,
    header: referenceSignature("awk_someone-else"),
    expected: fail("signature_mismatch"),
  },
  {
    name: "the key decoded from base64url instead of used as a string",
    raw: compact,
    header: hmacHex(Buffer.from(currentKey.slice(4), "base64url").toString("latin1"), compact),
    expected: fail("signature_mismatch"),
  },
  {
    name: "a SHA-1 HMAC padded to 64 hex",
    raw: compact,
    header: createHmac("sha1", currentKey).update(compact).digest("hex").padEnd(64, "0"),
    expected: fail("signature_mismatch"),
  },
  { name: "no keys at all", raw: compact, header: signature, keys: [], expected: fail("signature_mismatch") },
  {
    name: "a body that is not JSON, raw signature wrong",
    raw: "{not json",
    header: signature,
    expected: fail("signature_mismatch"),
  },

  { name: "63 hex characters", raw: compact, header: signature.slice(0, 63), expected: fail("malformed_signature") },
  { name: "65 hex characters", raw: compact, header: `${signature}0`, expected: fail("malformed_signature") },
  { name: "only sha256=", raw: compact, header: "sha256=", expected: fail("malformed_signature") },
  {
    name: "a doubled prefix",
    raw: compact,
    header: `sha256=sha256=${signature}`,
    expected: fail("malformed_signature"),
  },
  { name: "a sha1= prefix", raw: compact, header: `sha1=${signature}`, expected: fail("malformed_signature") },
  {
    name: "non-hex characters",
    raw: compact,
    header: `${signature.slice(0, 62)}zz`,
    expected: fail("malformed_signature"),
  },
  {
    name: "a space inside the signature",
    raw: compact,
    header: `${signature.slice(0, 32)} ${signature.slice(32)}`,
    expected: fail("malformed_signature"),
  },
  {
    name: "the signature as base64",
    raw: compact,
    header: Buffer.from(signature, "hex").toString("base64"),
    expected: fail("malformed_signature"),
  },
  {
    name: "two signatures, comma-separated",
    raw: compact,
    header: `${signature},${signature}`,
    expected: fail("malformed_signature"),
  },

  { name: "no x-signature header", raw: compact, header: null, expected: fail("missing_signature") },
  { name: "an empty x-signature header", raw: compact, header: "", expected: fail("missing_signature") },
  { name: "an x-signature header of spaces", raw: compact, header: "   ", expected: fail("missing_signature") },
];

describe("verifySignature", () => {
  it.each(cases)("$name", ({ raw, header, keys: caseKeys, expected }) => {
    const result = verifySignature({
      rawBody: new TextEncoder().encode(raw),
      signatureHeader: header,
      keys: caseKeys ?? keys,
      canonicalBody: canonicalOf(raw),
    });
    expect(result).toEqual(expected);
  });

  it("verifies the raw bytes, not a re-encoding of them", () => {
    const bytes = Uint8Array.from([0x7b, 0x7d, 0xff]); // "{}" plus a byte that is not UTF-8
    const header = hmacHex(currentKey, bytes);
    expect(verifySignature({ rawBody: bytes, signatureHeader: header, keys, canonicalBody: () => null })).toEqual(
      ok("current", "raw"),
    );
    expect(
      verifySignature({ rawBody: bytes.subarray(0, 2), signatureHeader: header, keys, canonicalBody: () => "{}" }),
    ).toEqual(fail("signature_mismatch"));
  });

  it("parses the body only when the raw bytes do not verify", () => {
    const canonicalBody = vi.fn(canonicalOf(compact));
    verifySignature({ rawBody: new TextEncoder().encode(compact), signatureHeader: signature, keys, canonicalBody });
    expect(canonicalBody).not.toHaveBeenCalled();

    const notJson = vi.fn(() => null);
    expect(
      verifySignature({
        rawBody: new TextEncoder().encode("{oops"),
        signatureHeader: signature,
        keys,
        canonicalBody: notJson,
      }),
    ).toEqual(fail("signature_mismatch"));
    expect(notJson).toHaveBeenCalledTimes(1);
  });

  it("does not parse the body for a malformed or missing signature", () => {
    const canonicalBody = vi.fn(() => compact);
    for (const header of [null, "", "abc"])
      verifySignature({ rawBody: new TextEncoder().encode(pretty), signatureHeader: header, keys, canonicalBody });
    expect(canonicalBody).not.toHaveBeenCalled();
  });

  it("tries the keys in the order given (verificationKeys lists the current key first)", () => {
    const same = [
      { privateKey: currentKey, label: "previous" as const },
      { privateKey: currentKey, label: "current" as const },
    ];
    expect(
      verifySignature({
        rawBody: new TextEncoder().encode(compact),
        signatureHeader: signature,
        keys: same,
        canonicalBody: canonicalOf(compact),
      }),
    ).toEqual(ok("previous", "raw"));
  });
});

describe("parseSignatureHeader", () => {
  it.each([signature, signature.toUpperCase(), `sha256=${signature}`, ` SHA256=${signature}\t`])(
    "reads %j as the 32 signature bytes",
    (header) => {
      const bytes = parseSignatureHeader(header);
      expect(bytes).toHaveLength(32);
      expect(bytes!.toString("hex")).toBe(signature);
    },
  );

  it.each(["", "sha256=", signature.slice(1), `${signature}00`, "g".repeat(64), `0x${signature.slice(2)}`])(
    "refuses %j",
    (header) => {
      expect(parseSignatureHeader(header)).toBeNull();
    },
  );
});

describe("signBody", () => {
  it("matches the reference client's signature and verifies", () => {
    expect(signBody({ privateKey: currentKey, body: compact })).toBe(signature);
    expect(signBody({ privateKey: currentKey, body: new TextEncoder().encode(compact) })).toBe(signature);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    const header = signBody({ privateKey: previousKey, body: pretty });
    expect(
      verifySignature({
        rawBody: new TextEncoder().encode(pretty),
        signatureHeader: header,
        keys,
        canonicalBody: canonicalOf(pretty),
      }),
    ).toEqual(ok("previous", "raw"));
  });

  it("uses the key string as-is, so a different key gives a different signature", () => {
    expect(signBody({ privateKey: `${currentKey} `, body: compact })).not.toBe(signature);
  });
});
