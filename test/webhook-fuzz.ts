// Random requests for the public webhook endpoint, from a seeded PRNG so a failing run can be
// replayed exactly. Each request remembers whether it carries a valid signature: the fuzz test
// checks that nothing else is ever accepted.
import { createHmac } from "node:crypto";

import { signStandardWebhook } from "@/lib/webhooks/signing/standard-webhooks";

import { baseUrl } from "./webhook-app";

/** mulberry32: small, fast and good enough to drive a fuzzer; the same seed gives the same run. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const chance = (p: number) => next() < p;
  const ascii = (length: number, from = 0x20, to = 0x7e) =>
    String.fromCharCode(...Array.from({ length }, () => int(from, to)));
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(0, 255));
  return { next, int, pick, chance, ascii, bytes };
}
export type Random = ReturnType<typeof createRandom>;

export type FuzzTarget = { id: string; scheme: "x-signature" | "standard-webhooks"; key: string | null };

export type FuzzRequest = {
  method: "POST" | "GET" | "PUT" | "PATCH" | "DELETE";
  webhookId: string;
  request: Request;
  validlySigned: boolean;
};

const keyNames = ["a", "id", "__proto__", "constructor", "prototype", "toString", "data", "é", "", "\u0000", "$where"];

function randomJson(random: Random, depth = 0): unknown {
  const kind = random.int(0, depth > 4 ? 3 : 6);
  if (kind === 0) return random.pick([0, -1, 1.5e308, 3.14, 2 ** 53 + 1, -0]);
  if (kind === 1)
    return random.ascii(random.int(0, 20), 0x20, 0x7e) + random.pick(["", "\u2028", "😀", "\\", '"', "\uFFFF"]);
  if (kind === 2) return random.pick([true, false]);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: random.int(0, 5) }, () => randomJson(random, depth + 1));
  // fromEntries makes "__proto__" an own key, as JSON text would.
  return Object.fromEntries(
    Array.from({ length: random.int(0, 5) }, () => [random.pick(keyNames), randomJson(random, depth + 1)]),
  );
}

function randomBody(random: Random, maxBodyBytes: number): Uint8Array {
  const text = (value: string) => new TextEncoder().encode(value);
  switch (random.int(0, 10)) {
    case 0:
    case 1:
    case 2:
      return text(JSON.stringify(randomJson(random)) ?? "null");
    case 3:
      return random.bytes(random.int(0, 300));
    case 4: // invalid UTF-8 inside a JSON string
      return Uint8Array.from([
        ...text('{"a":"'),
        ...random.bytes(random.int(1, 10)).map((byte) => byte | 0x80),
        ...text('"}'),
      ]);
    case 5: {
      const depth = random.int(55, 3000);
      const [open, close] = random.pick([
        ["[", "]"],
        ['{"a":', "}"],
      ]);
      return text(open.repeat(depth) + (random.chance(0.5) ? close.repeat(depth) : ""));
    }
    case 6:
      return text(
        random.pick([
          '{"__proto__":{"polluted":true}}',
          '{"constructor":{"prototype":{"polluted":true}}}',
          '[{"x":{"\\u005f_proto__":{"polluted":1}}}]',
        ]),
      );
    case 7: {
      const json = JSON.stringify(randomJson(random)) ?? "null";
      return text(json.slice(0, random.int(0, json.length)));
    }
    case 8:
      return random.chance(0.5)
        ? new Uint8Array(0)
        : text(random.pick(["\uFEFF{}", " \n{}\n ", "null", "1", '"x"', "[]"]));
    case 9: // around the size limit
      return text(`[${"0,".repeat(Math.floor(random.int(maxBodyBytes - 200, maxBodyBytes + 200) / 2))}0]`);
    default:
      return text(`{"s":"${"x".repeat(random.int(0, maxBodyBytes * 2))}"}`);
  }
}

const hmacHex = (key: string, body: Uint8Array | string) => createHmac("sha256", key).update(body).digest("hex");
const wrongSecret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

/** Signature headers for `target`: valid about half the time, otherwise wrong in one of many ways. */
function randomSignature(
  random: Random,
  target: FuzzTarget | null,
  body: Uint8Array,
): { headers: Record<string, string>; valid: boolean } {
  const key = target?.key ?? "awk_not-the-key";
  const validKey = target?.key !== null && target !== null;
  if (target?.scheme !== "standard-webhooks") {
    const variant = random.int(0, 9);
    if (variant <= 4) return { headers: { "x-signature": hmacHex(key, body) }, valid: validKey };
    if (variant === 5)
      return { headers: { "x-signature": `SHA256=${hmacHex(key, body).toUpperCase()}` }, valid: validKey };
    if (variant === 6) return { headers: {}, valid: false };
    if (variant === 7) return { headers: { "x-signature": hmacHex("awk_wrong", body) }, valid: false };
    return { headers: { "x-signature": random.ascii(random.pick([0, 63, 64, 65, 8000])) }, valid: false };
  }
  const id = random.chance(0.9) ? `msg_${random.int(0, 40)}` : random.ascii(random.int(0, 300));
  // Requests are made up front and sent over some seconds: skews stay well clear of the ±300 s edge.
  const skew = random.pick([0, 0, 0, -240, 240, -400, 400, -86_400]);
  const timestamp = Math.floor(Date.now() / 1000) + skew;
  const good = signStandardWebhook({ secret: key, id, timestamp, body });
  const inTolerance = Math.abs(skew) < 300 && /^[\x21-\x7e]{1,255}$/.test(id);
  const headers: Record<string, string> = {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": good,
  };
  switch (random.int(0, 9)) {
    case 0:
      headers["webhook-signature"] = `v1,${Buffer.alloc(32, 1).toString("base64")} ${good} v2,abc`;
      return { headers, valid: validKey && inTolerance };
    case 1:
      headers["webhook-signature"] = signStandardWebhook({ secret: wrongSecret, id, timestamp, body });
      return { headers, valid: false };
    case 2:
      delete headers[random.pick(["webhook-id", "webhook-timestamp", "webhook-signature"])];
      return { headers, valid: false };
    case 3:
      headers["webhook-timestamp"] = random.pick(["", "abc", "-5", "1e9", String(timestamp * 1000), `0${timestamp}`]);
      return { headers, valid: false };
    case 4:
      headers["webhook-signature"] = random.ascii(random.int(0, 4000));
      return { headers, valid: false };
    default:
      return { headers, valid: validKey && inTolerance };
  }
}

const contentTypes = [
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "application/cloudevents+json",
  "text/plain",
  "",
  "application/jsonp",
  "multipart/form-data; boundary=x",
];

/** One random request: mostly to the real webhooks, sometimes to ids that are not. */
export function randomRequest(random: Random, targets: FuzzTarget[], maxBodyBytes: number): FuzzRequest {
  const method = random.chance(0.04) ? random.pick(["GET", "PUT", "PATCH", "DELETE"] as const) : "POST";
  const target = random.chance(0.9) ? random.pick(targets) : null;
  const webhookId =
    target?.id ??
    random.pick([
      "wh_00000000000000000000000000",
      "",
      "x".repeat(65),
      "../agents",
      "wh\u0000",
      "wh_😀",
      random.ascii(random.int(1, 64), 0x21, 0x7e),
    ]);
  const body = randomBody(random, maxBodyBytes);
  const signature = randomSignature(random, target, body);
  const headers = new Headers(signature.headers);
  if (random.chance(0.9))
    headers.set(
      "content-type",
      random.chance(0.85)
        ? "application/json"
        : random.chance(0.8)
          ? random.pick(contentTypes)
          : random.ascii(random.int(0, 3000), 0x21, 0x7e),
    );
  if (random.chance(0.2))
    headers.set("idempotency-key", random.chance(0.8) ? `k-${random.int(0, 30)}` : random.ascii(random.int(0, 400)));
  if (random.chance(0.3))
    headers.set(
      "x-forwarded-for",
      random.pick([
        "203.0.113.9",
        "192.0.2.1",
        "::1",
        "garbage",
        "203.0.113.9, 10.0.0.1",
        random.ascii(random.int(0, 2000)),
      ]),
    );
  if (random.chance(0.05))
    headers.set("content-length", random.pick(["0", "-1", "abc", "99999999999", String(body.byteLength)]));
  for (let i = random.int(0, 3); i > 0; i--)
    headers.set(
      `x-${random.ascii(random.int(1, 30), 0x61, 0x7a)}`,
      random.ascii(random.int(0, random.chance(0.1) ? 8000 : 50)),
    );
  const url = `${baseUrl}/api/webhooks/${encodeURIComponent(webhookId)}`;
  const request = new Request(url, { method: "POST", headers, body: body as Uint8Array<ArrayBuffer> });
  // A valid signature only counts where the webhook takes the body: under the size limit.
  return { method, webhookId, request, validlySigned: signature.valid && method === "POST" };
}
