import { afterEach, describe, expect, it } from "vitest";

import { exceedsJsonDepth, MAX_JSON_DEPTH, parseStoredJson, parseUntrustedJson } from "./parse-untrusted-json";

const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth);
const reject = (text: string) => parseUntrustedJson(text, { hostileKeys: "reject" });

afterEach(() => {
  // A polluted prototype would leak into every later test: fail loudly and clean up.
  const polluted = "polluted" in Object.prototype;
  delete (Object.prototype as Record<string, unknown>).polluted;
  expect(polluted).toBe(false);
});

describe("exceedsJsonDepth", () => {
  it.each<[string, string, boolean]>([
    ["an empty object", "{}", false],
    ["a scalar", "1", false],
    [`arrays ${MAX_JSON_DEPTH} deep`, nested(MAX_JSON_DEPTH), false],
    [`arrays ${MAX_JSON_DEPTH + 1} deep`, nested(MAX_JSON_DEPTH + 1), true],
    [`objects ${MAX_JSON_DEPTH + 1} deep`, nested(MAX_JSON_DEPTH + 1, '{"a":', "}"), true],
    // Brackets inside strings are text, including after escaped quotes and backslashes.
    ["brackets inside a string", `[${JSON.stringify("[".repeat(1000))}]`, false],
    ["brackets after an escaped quote", `[${JSON.stringify('\\"[[[[' + "[".repeat(100))}]`, false],
    ["deep arrays after a string ending in a backslash", `[${JSON.stringify("\\")}, ${nested(MAX_JSON_DEPTH)}]`, true],
    ["an escaped backslash, then arrays at the limit", `["\\\\", ${nested(MAX_JSON_DEPTH - 1)}]`, false],
    // Siblings do not add up: depth is nesting, not count.
    [
      "a thousand siblings at the limit",
      `[${Array.from({ length: 1000 }, () => nested(MAX_JSON_DEPTH - 1)).join(",")}]`,
      false,
    ],
    ["stray closers before arrays too deep", "]]]]" + nested(MAX_JSON_DEPTH + 1), true],
  ])("%s -> %s", (_name, text, expected) => {
    expect(exceedsJsonDepth(text)).toBe(expected);
  });

  it("stops at the first bracket too deep in a megabyte of them", () => {
    expect(exceedsJsonDepth("[".repeat(1024 * 1024))).toBe(true);
  });
});

describe("parseUntrustedJson", () => {
  it("parses ordinary JSON, ignoring a byte-order mark", () => {
    expect(reject('\uFEFF{"a":[1,{"b":null}],"constructor":"fine","prototype":1}')).toEqual({
      ok: true,
      value: { a: [1, { b: null }], constructor: "fine", prototype: 1 },
    });
    expect(reject("null")).toEqual({ ok: true, value: null });
  });

  it.each([
    '{"__proto__":{"polluted":true}}',
    '{"a":[{"__proto__":{"polluted":true}}]}',
    '{"\\u005f_proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '[{"x":{"constructor":{"prototype":{"polluted":true}}}}]',
  ])("refuses %s as forbidden_json_key, polluting nothing", (text) => {
    expect(reject(text)).toEqual({ ok: false, reason: "forbidden_json_key" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("removes hostile keys in remove mode, so even a naive merge of the result is safe", () => {
    const parsed = parseUntrustedJson(
      '{"keep":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      { hostileKeys: "remove" },
    );
    expect(parsed).toEqual({ ok: true, value: { keep: 1 } });
    const target: Record<string, unknown> = {};
    const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
      for (const key of Object.keys(from)) into[key] = from[key];
    };
    merge(target, (parsed as { value: Record<string, unknown> }).value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(["", "{", '{"a":1,}', "[1 2]", "\uFEFF", "undefined", "{'a':1}"])("answers malformed_json for %j", (text) => {
    expect(reject(text)).toEqual({ ok: false, reason: "malformed_json" });
  });

  it("answers json_too_deep before parsing, even for text that is not JSON at all", () => {
    expect(reject(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: "json_too_deep" });
    expect(reject("[".repeat(1024 * 1024))).toEqual({ ok: false, reason: "json_too_deep" });
    expect(reject(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
  });

  it("parses a huge flat array", () => {
    const text = `[${Array.from({ length: 200_000 }, (_, i) => i % 10).join(",")}]`;
    const parsed = reject(text);
    expect(parsed.ok && (parsed.value as number[]).length).toBe(200_000);
  });
});

describe("parseStoredJson", () => {
  it("drops hostile keys and throws a clear error for what cannot be read", () => {
    expect(parseStoredJson('{"__proto__":{"polluted":true},"a":1}', "webhook body")).toEqual({ a: 1 });
    expect(() => parseStoredJson(nested(MAX_JSON_DEPTH + 1), "webhook body")).toThrow(
      `The webhook body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
    expect(() => parseStoredJson("{", "webhook body")).toThrow("The webhook body is not valid JSON");
  });
});
