import { safeFetch, type SafeResponse } from "@/lib/outbound/safe-fetch";

import { evaluateJobs, type SandboxJob } from "../expressions";
import { httpStatusError, toStepError } from "./step-errors";
import { withStepInput, type StepHandler } from "./step-handler";
import type { StepConfig } from "./step-schemas";

// HTTP Request: templated URL and headers, a body from an expression (JSON) or a template (text), sent through the SSRF-guarded client (public
// addresses only, every redirect re-checked, response size capped). The whole response is the
// output, so later steps can read `steps.<id>.body`.

export type HttpRequestOutput = { status: number; headers: Record<string, string>; body: unknown };

type EncodedBody = { body?: string; contentType?: string };
type BodyConfig = Pick<StepConfig<"http_request">, "body" | "bodyMode">;

const textType = "text/plain; charset=utf-8";

/** How the body is evaluated: an expression (json), a text template (text), or a templated JSON value (no mode). */
function bodyJob(config: BodyConfig): SandboxJob | null {
  if (config.body === undefined) return null;
  if (config.bodyMode === "json") return { kind: "expression", expression: String(config.body) };
  if (config.bodyMode === "text") return { kind: "text", template: String(config.body) };
  return { kind: "value", value: config.body };
}

/**
 * json: the value as JSON. text: as written. No mode (as before modes existed): a string as
 * written, anything else as JSON. Nothing (an expression matching no field comes back from the
 * sandbox as null) sends no body in every mode.
 */
function encodeBody(config: BodyConfig, value: unknown): EncodedBody {
  if (value === undefined || value === null) return {};
  if (config.bodyMode === "json") return { body: JSON.stringify(value), contentType: "application/json" };
  if (config.bodyMode === "text" || typeof value === "string") return { body: String(value), contentType: textType };
  return { body: JSON.stringify(value), contentType: "application/json" };
}

// The rendered request is stored with the run and shown on its page: keep credentials out of it.
const secretHeader = /authorization|cookie|token|secret|api-?key|signature|password/i;

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, secretHeader.test(name) ? "[redacted]" : value]),
  );
}

function isJsonType(contentType: string | undefined): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(contentType?.trim() ?? "");
}

/** JSON bodies are parsed (a server mislabelling text as JSON gets its text back), others returned as text. */
export function decodeBody(response: SafeResponse): unknown {
  const text = response.body.toString("utf8");
  if (!isJsonType(response.headers["content-type"]) || text.trim() === "") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const httpRequestStep: StepHandler<"http_request"> = {
  type: "http_request",
  async run({ config, context, services }) {
    // URL, headers and body in one sandbox task.
    const headerEntries = Object.entries(config.headers);
    const body = bodyJob(config);
    const [url, ...rendered] = (await evaluateJobs(context, [
      { kind: "text", template: config.url },
      ...headerEntries.map(([, template]) => ({ kind: "text" as const, template })),
      ...(body ? [body] : []),
    ])) as [string, ...unknown[]];
    const headers: Record<string, string> = {};
    headerEntries.forEach(([name], index) => (headers[name.toLowerCase()] = rendered[index] as string));
    const encoded = body ? encodeBody(config, rendered[headerEntries.length]) : {};
    if (encoded.contentType && !headers["content-type"]) headers["content-type"] = encoded.contentType;

    const input = { method: config.method, url, headers: redactHeaders(headers), body: encoded.body ?? null };
    let response: SafeResponse;
    try {
      response = await safeFetch({ url, method: config.method, headers, body: encoded.body, signal: services.signal });
    } catch (error) {
      throw withStepInput(toStepError(error), input);
    }
    if (response.status >= 400 && config.failOnHttpError) {
      // Named without its query string, which often carries tokens.
      const answered = new URL(response.url);
      throw withStepInput(
        httpStatusError({
          what: `${config.method} ${answered.origin}${answered.pathname}`,
          status: response.status,
          body: response.body.toString("utf8"),
        }),
        input,
      );
    }
    const output: HttpRequestOutput = {
      status: response.status,
      headers: response.headers,
      body: decodeBody(response),
    };
    return { output, input };
  },
};
