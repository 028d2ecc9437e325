import "server-only";

import type { Dispatcher } from "undici";

import { getEnv } from "@/lib/env";

import { checkAddress, ipLiteralOf, refusalMessage, type AllowList } from "./address-policy";
import { getGuardedAgent } from "./guarded-agent";
import { OutboundRequestError } from "./outbound-request-error";

// Outbound HTTP for workflow steps: only http(s), only public addresses (checked after DNS
// resolution by the guarded agent), redirects followed by hand so every hop is checked again,
// and the response body read under a size cap so a hostile server cannot exhaust memory.

export type SafeFetchOptions = {
  url: string;
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the request (step timeout, shutdown); the error then says it timed out or was aborted. */
  signal?: AbortSignal;
  /** Defaults to WORKFLOW_HTTP_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  maxRedirects?: number;
  /** Defaults to WORKFLOW_HTTP_ALLOW. */
  allowList?: AllowList;
};

export type SafeResponse = {
  status: number;
  /** Lowercase names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The URL that answered, after redirects. */
  url: string;
  body: Buffer;
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin must not follow a redirect to another.
const originBoundHeaders = ["authorization", "cookie", "proxy-authorization"];
const bodyHeaders = ["content-type", "content-length", "content-encoding"];

/** Resolves `url` (against `base`, for redirects) and throws unless it is http(s) without credentials and, when it names an IP, that IP is allowed. */
export function validateOutboundUrl(opts: { url: string; base?: URL; allowList: AllowList }): URL {
  let url: URL;
  try {
    url = new URL(opts.url, opts.base);
  } catch {
    throw new OutboundRequestError("invalid_url", `Not a valid URL: ${JSON.stringify(opts.url.slice(0, 200))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundRequestError(
      "invalid_url",
      `Only http and https URLs can be requested, not ${url.protocol.replace(/:$/, "")}`,
    );
  }
  if (url.username || url.password) {
    throw new OutboundRequestError(
      "invalid_url",
      "URLs with credentials are not allowed: send them in an Authorization header",
    );
  }
  const literal = ipLiteralOf(url.hostname);
  if (literal) {
    const verdict = checkAddress({ address: literal, allowList: opts.allowList });
    if (!verdict.allowed) throw new OutboundRequestError("refused", refusalMessage(verdict));
  }
  return url;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

/** Drops a response body we will not read; undici reports that as an error nobody needs to hear. */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => undefined);
  body.destroy();
}

async function readCapped(body: Dispatcher.ResponseData["body"], maxBytes: number, url: URL): Promise<Buffer> {
  const tooLarge = () =>
    new OutboundRequestError("too_large", `The response from ${url.origin} is larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      discard(body);
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toOutboundError(error: unknown, url: URL, signal: AbortSignal | undefined): OutboundRequestError {
  if (error instanceof OutboundRequestError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof OutboundRequestError) return cause;
  if (signal?.aborted) {
    const timedOut = (signal.reason as { name?: string } | undefined)?.name === "TimeoutError";
    return new OutboundRequestError("aborted", `Request to ${url.origin} ${timedOut ? "timed out" : "was aborted"}`, {
      cause: error,
    });
  }
  const code = (error as { code?: string }).code;
  const detail = code === "ENOTFOUND" ? `could not resolve ${url.hostname}` : (error as Error).message;
  return new OutboundRequestError("network", `Request to ${url.origin} failed: ${detail}`, { cause: error });
}

type Hop = { url: URL; method: Dispatcher.HttpMethod; headers: Record<string, string>; body?: string | Uint8Array };

/** The request a redirect asks for, as browsers make it (fetch spec, "HTTP-redirect fetch"). */
function nextHop(hop: Hop, status: number, location: URL): Hop {
  const headers = { ...hop.headers };
  if (location.origin !== hop.url.origin) for (const name of originBoundHeaders) delete headers[name];
  const becomesGet =
    (status === 303 && hop.method !== "HEAD") || ((status === 301 || status === 302) && hop.method === "POST");
  if (!becomesGet) return { url: location, method: hop.method, headers, body: hop.body };
  for (const name of bodyHeaders) delete headers[name];
  return { url: location, method: "GET", headers };
}

export async function safeFetch(opts: SafeFetchOptions): Promise<SafeResponse> {
  const env = getEnv();
  const allowList = opts.allowList ?? env.WORKFLOW_HTTP_ALLOW;
  const maxBytes = opts.maxResponseBytes ?? env.WORKFLOW_HTTP_MAX_RESPONSE_BYTES;
  const maxRedirects = opts.maxRedirects ?? 5;
  const headers = Object.fromEntries(
    Object.entries(opts.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  let hop: Hop = {
    url: validateOutboundUrl({ url: opts.url, allowList }),
    method: opts.method ?? "GET",
    headers,
    body: opts.body,
  };

  for (let redirects = 0; ; redirects++) {
    let response: Dispatcher.ResponseData;
    try {
      response = await getGuardedAgent(allowList).request({
        origin: hop.url.origin,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method,
        headers: hop.headers,
        body: hop.body,
        signal: opts.signal,
      });
    } catch (error) {
      throw toOutboundError(error, hop.url, opts.signal);
    }
    const responseHeaders = flattenHeaders(response.headers);
    const location = responseHeaders.location;
    if (!redirectStatuses.has(response.statusCode) || !location) {
      const declared = Number(responseHeaders["content-length"]);
      try {
        if (declared > maxBytes) {
          discard(response.body);
          throw new OutboundRequestError(
            "too_large",
            `The response from ${hop.url.origin} is larger than ${maxBytes} bytes`,
          );
        }
        const body = await readCapped(response.body, maxBytes, hop.url);
        return { status: response.statusCode, headers: responseHeaders, url: hop.url.toString(), body };
      } catch (error) {
        throw toOutboundError(error, hop.url, opts.signal);
      }
    }
    await response.body.dump().catch(() => undefined);
    if (redirects >= maxRedirects) {
      throw new OutboundRequestError(
        "too_many_redirects",
        `Stopped after ${maxRedirects} redirects (last from ${hop.url.origin})`,
      );
    }
    hop = nextHop(hop, response.statusCode, validateOutboundUrl({ url: location, base: hop.url, allowList }));
  }
}
