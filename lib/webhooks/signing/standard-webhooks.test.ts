import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import type { VerificationKey } from "./signature-scheme";
import {
  decodeStandardWebhooksSecret,
  signStandardWebhook,
  verifyStandardWebhook,
  type StandardWebhooksFailure,
} from "./standard-webhooks";

// Test vectors from the Standard Webhooks reference libraries (github.com/standard-webhooks/
// standard-webhooks): libraries/javascript/src/webhook.test.ts and libraries/go/webhook_test.go,
// "sign function works" / TestWebhookSign, and the invalid signatures of their verify tests.
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const foreignSignature = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

const current: VerificationKey = { privateKey: vector.secret, label: "current" };
const bytes = (text: string) => new TextEncoder().encode(text);

function verify(
  overrides: {
    id?: string | null;
    timestamp?: string | null;
    signature?: string | null;
    now?: number;
    keys?: VerificationKey[];
    body?: string;
  } = {},
) {
  return verifyStandardWebhook({
    rawBody: bytes(overrides.body ?? vector.payload),
    headers: {
      id: overrides.id === undefined ? vector.id : overrides.id,
      timestamp: overrides.timestamp === undefined ? String(vector.timestamp) : overrides.timestamp,
      signature: overrides.signature === undefined ? vector.signature : overrides.signature,
    },
    keys: overrides.keys ?? [current],
    nowSeconds: overrides.now ?? vector.timestamp,
  });
}

describe("signStandardWebhook", () => {
  it("reproduces the reference libraries' signature, with or without the whsec_ prefix", () => {
    expect(
      signStandardWebhook({ secret: vector.secret, id: vector.id, timestamp: vector.timestamp, body: vector.payload }),
    ).toBe(vector.signature);
    expect(
      signStandardWebhook({
        secret: vector.secret.slice(6),
        id: vector.id,
        timestamp: vector.timestamp,
        body: bytes(vector.payload),
      }),
    ).toBe(vector.signature);
  });

  it("keys the HMAC with the base64-decoded secret, not the secret's text", () => {
    expect(decodeStandardWebhooksSecret(vector.secret)).toEqual(
      Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"),
    );
    expect(decodeStandardWebhooksSecret(vector.secret)).toHaveLength(24);
  });
});

describe("verifyStandardWebhook", () => {
  it("accepts the reference vector", () => {
    expect(verify()).toEqual({ ok: true, verifiedWith: "current", webhookMessageId: vector.id });
  });

  it.each<[string, Parameters<typeof verify>[0], StandardWebhooksFailure]>([
    ["no webhook-signature", { signature: null }, "missing_signature"],
    ["a blank webhook-signature", { signature: "  " }, "missing_signature"],
    ["no webhook-id", { id: null }, "missing_webhook_id"],
    ["an empty webhook-id", { id: "" }, "missing_webhook_id"],
    ["no webhook-timestamp", { timestamp: null }, "missing_webhook_timestamp"],
    ["a webhook-id with a space", { id: "msg 1" }, "invalid_webhook_id"],
    ["a 256-character webhook-id", { id: "m".repeat(256) }, "invalid_webhook_id"],
    ['a non-numeric timestamp (reference: "hello")', { timestamp: "hello" }, "invalid_webhook_timestamp"],
    ["a timestamp in milliseconds far in the future", { timestamp: "1614265330000" }, "invalid_webhook_timestamp"],
    ["a negative timestamp", { timestamp: "-1614265330" }, "invalid_webhook_timestamp"],
    ["a fractional timestamp", { timestamp: "1614265330.5" }, "invalid_webhook_timestamp"],
    ["a timestamp with leading zeros", { timestamp: "01614265330" }, "invalid_webhook_timestamp"],
    ["a timestamp 5 min 1 s old", { now: vector.timestamp + 301 }, "timestamp_out_of_tolerance"],
    ["a timestamp 5 min 1 s ahead", { now: vector.timestamp - 301 }, "timestamp_out_of_tolerance"],
    [
      "a timestamp from the year 2000 (reference: 2000-01-01)",
      { timestamp: "946684800" },
      "timestamp_out_of_tolerance",
    ],
    [
      "an invalid signature (reference: v1,dawfeoifkpqwoekfpqoekf)",
      { signature: "v1,dawfeoifkpqwoekfpqoekf" },
      "malformed_signature",
    ],
    [
      "a partial signature (reference: first 8 characters)",
      { signature: vector.signature.slice(0, 8) },
      "malformed_signature",
    ],
    ["an empty v1 signature (reference: v1,)", { signature: "v1," }, "malformed_signature"],
    ["only an unknown version", { signature: foreignSignature.replace("v1,", "v2,") }, "malformed_signature"],
    [
      "a hex signature",
      { signature: `v1,${Buffer.from(vector.signature.slice(3), "base64").toString("hex")}` },
      "malformed_signature",
    ],
    ["another key's signature (reference vector)", { signature: foreignSignature }, "signature_mismatch"],
    ["the right signature for another body", { body: '{"test": 2432232315}' }, "signature_mismatch"],
    ["the right signature for another id", { id: "msg_p5jXN8AQM9LWM0D4loKWxJel" }, "signature_mismatch"],
    ["the right signature for another second", { timestamp: String(vector.timestamp + 1) }, "signature_mismatch"],
    [
      "a signature under the secret's text as key",
      {
        signature: `v1,${createHmac("sha256", vector.secret).update(`${vector.id}.${vector.timestamp}.${vector.payload}`).digest("base64")}`,
      },
      "signature_mismatch",
    ],
    ["no key at all", { keys: [] }, "signature_mismatch"],
  ])("refuses %s", (_name, overrides, reason) => {
    expect(verify(overrides)).toEqual({ ok: false, reason });
  });

  it.each([0, 299, 300, -300])("accepts a timestamp %i s from our clock (inside the ±5 min tolerance)", (offset) => {
    expect(verify({ now: vector.timestamp + offset }).ok).toBe(true);
  });

  it("accepts any one matching signature among several (the reference multi-signature case)", () => {
    const signatures = [
      foreignSignature,
      foreignSignature.replace("v1,", "v2,"),
      vector.signature,
      foreignSignature,
    ].join(" ");
    expect(verify({ signature: signatures })).toMatchObject({ ok: true, verifiedWith: "current" });
    expect(
      verify({
        signature: `v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== ${vector.signature}`,
      }).ok,
    ).toBe(true);
  });

  it("tells a signature under the previous key (rotation) from one under the current key", () => {
    const next: VerificationKey = { privateKey: `whsec_${Buffer.alloc(32, 7).toString("base64")}`, label: "current" };
    const previous: VerificationKey = { ...current, label: "previous" };
    expect(verify({ keys: [next, previous] })).toMatchObject({ ok: true, verifiedWith: "previous" });
    const both = `${signStandardWebhook({ secret: next.privateKey, id: vector.id, timestamp: vector.timestamp, body: vector.payload })} ${vector.signature}`;
    expect(verify({ keys: [next, previous], signature: both })).toMatchObject({ ok: true, verifiedWith: "current" });
    expect(verify({ keys: [next] })).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("signs and verifies the exact bytes, including ones that are not UTF-8", () => {
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const signature = signStandardWebhook({ secret: vector.secret, id: "msg_1", timestamp: 1_700_000_000, body });
    const result = verifyStandardWebhook({
      rawBody: body,
      headers: { id: "msg_1", timestamp: "1700000000", signature },
      keys: [current],
      nowSeconds: 1_700_000_000,
    });
    expect(result.ok).toBe(true);
  });
});
