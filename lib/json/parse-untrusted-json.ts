import secureJson from "secure-json-parse";

// Pure: JSON from outside (webhook bodies, and those bodies again when a run reads them back).
// Two dangers beyond malformed text:
// - `__proto__` and `constructor.prototype` keys: harmless in the object JSON.parse returns, but
//   any later merge or copy by assignment (a library's deep merge, a step that spreads into an
//   object literal) can write them into Object.prototype for the whole process.
// - Deep nesting: V8 parses `[[[[…` a million levels deep, but every recursive consumer after it
//   (JSON.stringify, structuredClone, JSONata, the database driver) overflows the stack.

/** Deepest nesting of arrays and objects accepted: far beyond real payloads, far below any stack limit. */
export const MAX_JSON_DEPTH = 64;

export type UntrustedJsonFailure = "malformed_json" | "json_too_deep" | "forbidden_json_key";

export type UntrustedJson = { ok: true; value: unknown } | { ok: false; reason: UntrustedJsonFailure };

/**
 * Whether brackets nest deeper than `maxDepth`, from one pass over the text that skips strings
 * (and the escaped characters in them), so it costs far less than parsing and stops at the first
 * bracket too deep. Stray closing brackets cannot offset later openers; the parser refuses them.
 */
export function exceedsJsonDepth(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: the next character is escaped, even a quote
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return false;
}

/**
 * Parses JSON that may be hostile. `hostileKeys: "reject"` (the webhook endpoint) refuses a body
 * with a `__proto__` or `constructor.prototype` key; `"remove"` (reading back what was stored)
 * drops such keys instead. A leading byte-order mark is ignored.
 */
export function parseUntrustedJson(
  text: string,
  opts: { hostileKeys: "reject" | "remove"; maxDepth?: number },
): UntrustedJson {
  if (exceedsJsonDepth(text, opts.maxDepth)) return { ok: false, reason: "json_too_deep" };
  const action = opts.hostileKeys === "reject" ? "error" : "remove";
  try {
    return { ok: true, value: secureJson.parse(text, null, { protoAction: action, constructorAction: action }) };
  } catch {
    // Both failures are SyntaxErrors: valid JSON that was refused had a forbidden key.
    return { ok: false, reason: isJson(text) ? "forbidden_json_key" : "malformed_json" };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return true;
  } catch {
    return false;
  }
}

const failureMessages: Record<UntrustedJsonFailure, string> = {
  malformed_json: "is not valid JSON",
  json_too_deep: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
  forbidden_json_key: "has a __proto__ or constructor.prototype key",
};

/** Stored JSON read back (already checked when it came in): hostile keys dropped, anything else unreadable throws. */
export function parseStoredJson(text: string, what: string): unknown {
  const parsed = parseUntrustedJson(text, { hostileKeys: "remove" });
  if (!parsed.ok) throw new Error(`The ${what} ${failureMessages[parsed.reason]}`);
  return parsed.value;
}
