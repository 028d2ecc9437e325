// The API of an agent's webhooks and their keys, typed.
import type { SignatureScheme } from "@/lib/webhooks/signing/signature-scheme";
import type { WebhookDto, WebhookKeyFile } from "@/lib/webhooks/webhook-dto";
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/webhooks/webhook-input";

import { apiDownload, apiFetch } from "../api-client";
import { agentApiPath, webhookApiPath } from "./paths";

type WebhookRef = { agentId: string; webhookId: string };
export type WebhookKeyAnswer = { webhook: WebhookDto; keyFile: WebhookKeyFile };
export type TestEventResult = {
  delivered: boolean;
  httpStatus: number | null;
  response: unknown;
  error: string | null;
};

export async function listWebhooks(opts: { agentId: string }): Promise<WebhookDto[]> {
  return (await apiFetch<{ webhooks: WebhookDto[] }>(agentApiPath(opts.agentId, "/webhooks"))).webhooks;
}

export async function getWebhook(opts: WebhookRef): Promise<WebhookDto> {
  return (await apiFetch<{ webhook: WebhookDto }>(webhookApiPath(opts))).webhook;
}

export async function createWebhook(opts: { agentId: string; input: CreateWebhookInput }): Promise<WebhookDto> {
  const path = agentApiPath(opts.agentId, "/webhooks");
  return (await apiFetch<{ webhook: WebhookDto }>(path, { method: "POST", body: opts.input })).webhook;
}

export async function updateWebhook(opts: WebhookRef & { input: UpdateWebhookInput }): Promise<WebhookDto> {
  return (await apiFetch<{ webhook: WebhookDto }>(webhookApiPath(opts), { method: "PATCH", body: opts.input })).webhook;
}

export function deleteWebhook(opts: WebhookRef): Promise<void> {
  return apiFetch<void>(webhookApiPath(opts), { method: "DELETE" });
}

export function generateWebhookKey(opts: WebhookRef): Promise<WebhookKeyAnswer> {
  return apiFetch<WebhookKeyAnswer>(webhookApiPath(opts, "/key"), { method: "POST" });
}

export function rotateWebhookKey(
  opts: WebhookRef & { input: { graceHours: number; signatureScheme?: SignatureScheme } },
): Promise<WebhookKeyAnswer> {
  return apiFetch<WebhookKeyAnswer>(webhookApiPath(opts, "/rotate-key"), { method: "POST", body: opts.input });
}

/** The current key file, with the file name the server gives it. */
export function downloadWebhookKeyFile(opts: WebhookRef): Promise<{ blob: Blob; filename: string | null }> {
  return apiDownload(webhookApiPath(opts, "/key-file"));
}

export function sendTestEvent(opts: WebhookRef): Promise<TestEventResult> {
  return apiFetch<TestEventResult>(webhookApiPath(opts, "/test-event"), { method: "POST" });
}
