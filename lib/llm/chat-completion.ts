import "server-only";

import type { AllowList } from "@/lib/outbound/address-policy";
import { isRetryableStatus } from "@/lib/outbound/http-status";
import { safeFetch } from "@/lib/outbound/safe-fetch";

// A client for OpenAI-compatible chat completions (OpenAI, Azure's /openai/v1, Ollama, vLLM,
// LM Studio…): one system and one user message in, the first choice's text out. The provider
// URL comes from the builder, so the request goes through the SSRF-guarded client too: a local
// Ollama needs its host in WORKFLOW_HTTP_ALLOW.

export type ChatCompletionOptions = {
  /** e.g. https://api.openai.com/v1 or http://ollama.internal:11434/v1; `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string | null;
  model: string;
  system?: string;
  prompt: string;
  temperature?: number;
  /** Ask for a JSON object (response_format json_object) and parse the reply. */
  json?: boolean;
  signal?: AbortSignal;
  allowList?: AllowList;
};

export type ChatCompletionUsage = {
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
};

export type ChatCompletion = { text: string; json?: unknown; model: string; usage: ChatCompletionUsage | null };

/** The provider refused or answered something unusable; `retryable` says whether trying again could help. */
export class ChatCompletionError extends Error {
  readonly retryable: boolean;

  constructor(message: string, opts: { retryable: boolean }) {
    super(message);
    this.name = "ChatCompletionError";
    this.retryable = opts.retryable;
  }
}

type CompletionBody = {
  model?: unknown;
  choices?: { message?: { content?: unknown; refusal?: unknown } }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown };
  error?: { message?: unknown } | string;
};

/** Keeps a query string (Azure's api-version) after the appended path. */
export function chatCompletionsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  return url.toString();
}

function parseBody(text: string): CompletionBody | null {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

function providerMessage(body: CompletionBody | null, text: string): string {
  const error = body?.error;
  const message = typeof error === "string" ? error : typeof error?.message === "string" ? error.message : text;
  return message.trim().replace(/\s+/g, " ").slice(0, 300);
}

const count = (value: unknown) => (typeof value === "number" ? value : null);

/** Some local models wrap JSON in a Markdown code fence even when asked for a JSON object. */
function parseJsonReply(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  try {
    return JSON.parse(fenced ? fenced[1] : text);
  } catch {
    const snippet = text.trim().slice(0, 200);
    // Model output varies between attempts, so a retry may well produce valid JSON.
    throw new ChatCompletionError(
      `The model was asked for JSON but its reply is not valid JSON: ${JSON.stringify(snippet)}`,
      { retryable: true },
    );
  }
}

export async function createChatCompletion(opts: ChatCompletionOptions): Promise<ChatCompletion> {
  let url: string;
  try {
    url = chatCompletionsUrl(opts.baseUrl);
  } catch {
    throw new ChatCompletionError(`The LLM base URL ${JSON.stringify(opts.baseUrl)} is not a valid URL`, {
      retryable: false,
    });
  }
  const messages = [
    ...(opts.system ? [{ role: "system", content: opts.system }] : []),
    { role: "user", content: opts.prompt },
  ];
  const request = {
    model: opts.model,
    messages,
    ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
    ...(opts.json ? { response_format: { type: "json_object" } } : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;

  const response = await safeFetch({
    url,
    method: "POST",
    headers,
    body: JSON.stringify(request),
    signal: opts.signal,
    allowList: opts.allowList,
  });
  const text = response.body.toString("utf8");
  const body = parseBody(text);
  if (response.status >= 400) {
    // 401/403 (key), 404 (model or URL) and 400 (request) fail the same way every time.
    throw new ChatCompletionError(`The LLM provider answered HTTP ${response.status}: ${providerMessage(body, text)}`, {
      retryable: isRetryableStatus(response.status),
    });
  }
  const content = body?.choices?.[0]?.message?.content;
  if (typeof content !== "string") {
    const refusal = body?.choices?.[0]?.message?.refusal;
    if (typeof refusal === "string")
      throw new ChatCompletionError(`The model refused: ${refusal.slice(0, 300)}`, { retryable: false });
    throw new ChatCompletionError(
      `The LLM provider's answer is not in the chat completions format (no choices[0].message.content); check the base URL, which usually ends in /v1`,
      { retryable: false },
    );
  }
  const usage = body?.usage
    ? {
        promptTokens: count(body.usage.prompt_tokens),
        completionTokens: count(body.usage.completion_tokens),
        totalTokens: count(body.usage.total_tokens),
      }
    : null;
  const model = typeof body?.model === "string" ? body.model : opts.model;
  return { text: content, ...(opts.json ? { json: parseJsonReply(content) } : {}), model, usage };
}
