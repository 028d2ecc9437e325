// The chat-completions client against a local server speaking the OpenAI format: what it sends,
// and how it reads answers, provider errors and malformed replies.
import type { ServerResponse } from "node:http";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseAllowList } from "@/lib/outbound/address-policy";
import { OutboundRequestError } from "@/lib/outbound/outbound-request-error";
import { sendJson, startLocalServer, type LocalServer } from "@/test/local-server";

import {
  ChatCompletionError,
  chatCompletionsUrl,
  createChatCompletion,
  type ChatCompletionOptions,
} from "./chat-completion";

type Reply = (response: ServerResponse) => void;

const completion = (content: string | null, model = "gpt-test-2026") => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  model,
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
});

let server: LocalServer;
let reply: Reply;
const allowList = parseAllowList("127.0.0.1");

beforeAll(async () => {
  server = await startLocalServer((_request, response) => reply(response));
});
afterAll(() => server.close());
beforeEach(() => {
  reply = (response) => sendJson(response, 200, completion("Hello there"));
});

const options = (overrides: Partial<ChatCompletionOptions> = {}): ChatCompletionOptions => ({
  baseUrl: `${server.origin}/v1`,
  apiKey: "sk-test",
  model: "gpt-test",
  prompt: "Say hello",
  allowList,
  ...overrides,
});

function lastRequest() {
  const request = server.received.at(-1)!;
  return { ...request, json: JSON.parse(request.body) };
}

describe("createChatCompletion", () => {
  it("posts model and messages with the key, and reads the first choice", async () => {
    const result = await createChatCompletion(options({ system: "You are terse.", temperature: 0.2 }));
    expect(result).toEqual({
      text: "Hello there",
      model: "gpt-test-2026",
      usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17 },
    });
    const request = lastRequest();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.json).toEqual({
      model: "gpt-test",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Say hello" },
      ],
      temperature: 0.2,
    });
  });

  it("sends no Authorization header and no system message when there are none", async () => {
    await createChatCompletion(options({ apiKey: null }));
    const request = lastRequest();
    expect(request.headers.authorization).toBeUndefined();
    expect(request.json).toEqual({ model: "gpt-test", messages: [{ role: "user", content: "Say hello" }] });
  });

  it("asks for a JSON object and parses it", async () => {
    reply = (response) => sendJson(response, 200, completion('{"risk": "low", "score": 12}'));
    const result = await createChatCompletion(options({ json: true }));
    expect(lastRequest().json.response_format).toEqual({ type: "json_object" });
    expect(result.json).toEqual({ risk: "low", score: 12 });
    expect(result.text).toBe('{"risk": "low", "score": 12}');
  });

  it("reads JSON a model wrapped in a code fence", async () => {
    reply = (response) => sendJson(response, 200, completion('```json\n{"ok": true}\n```'));
    expect((await createChatCompletion(options({ json: true }))).json).toEqual({ ok: true });
  });

  it("fails clearly, and retryably, when the JSON reply is not JSON", async () => {
    reply = (response) => sendJson(response, 200, completion("Sure! The risk is low."));
    const error = await createChatCompletion(options({ json: true })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatCompletionError);
    expect((error as ChatCompletionError).message).toBe(
      'The model was asked for JSON but its reply is not valid JSON: "Sure! The risk is low."',
    );
    expect((error as ChatCompletionError).retryable).toBe(true);
  });

  it.each([
    [
      401,
      { error: { message: "Incorrect API key provided", type: "invalid_request_error" } },
      "The LLM provider answered HTTP 401: Incorrect API key provided",
      false,
    ],
    [404, { error: "model 'llama9' not found" }, "The LLM provider answered HTTP 404: model 'llama9' not found", false],
    [429, { error: { message: "Rate limit reached" } }, "The LLM provider answered HTTP 429: Rate limit reached", true],
    [503, "upstream down", 'The LLM provider answered HTTP 503: "upstream down"', true],
  ])("reports HTTP %i with the provider's message", async (status, body, message, retryable) => {
    reply = (response) => sendJson(response, status, body);
    const error = (await createChatCompletion(options()).catch((caught: unknown) => caught)) as ChatCompletionError;
    expect(error).toBeInstanceOf(ChatCompletionError);
    expect(error.message).toBe(message);
    expect(error.retryable).toBe(retryable);
  });

  it.each([
    ["HTML", (response: ServerResponse) => response.end("<html>Welcome</html>")],
    ["JSON without choices", (response: ServerResponse) => sendJson(response, 200, { status: "ok" })],
    ["a null content", (response: ServerResponse) => sendJson(response, 200, completion(null))],
  ])("fails permanently on an answer in another format (%s)", async (_name, answer) => {
    reply = answer;
    const error = (await createChatCompletion(options()).catch((caught: unknown) => caught)) as ChatCompletionError;
    expect(error.message).toMatch(/not in the chat completions format.*ends in \/v1/);
    expect(error.retryable).toBe(false);
  });

  it("is refused on an internal address unless allowed", async () => {
    const error = await createChatCompletion(options({ allowList: parseAllowList("") })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboundRequestError);
    expect((error as Error).message).toMatch(/^Refused to connect to 127\.0\.0\.1 \(loopback\)/);
  });

  it("rejects a base URL that is not a URL", async () => {
    await expect(createChatCompletion(options({ baseUrl: "api.openai.com/v1" }))).rejects.toThrow(
      'The LLM base URL "api.openai.com/v1" is not a valid URL',
    );
  });
});

describe("chatCompletionsUrl", () => {
  it.each([
    ["https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions"],
    ["https://api.openai.com/v1/", "https://api.openai.com/v1/chat/completions"],
    ["http://ollama.internal:11434/v1", "http://ollama.internal:11434/v1/chat/completions"],
    [
      "https://res.openai.azure.com/openai/v1?api-version=preview",
      "https://res.openai.azure.com/openai/v1/chat/completions?api-version=preview",
    ],
  ])("%s", (baseUrl, url) => {
    expect(chatCompletionsUrl(baseUrl)).toBe(url);
  });
});
