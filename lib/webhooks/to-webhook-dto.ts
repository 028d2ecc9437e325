import { toSignatureScheme } from "./signing/signature-scheme";
import type { WebhookDto } from "./webhook-dto";

export const webhookDtoInclude = { workflow: { select: { id: true, name: true } } } as const;

type WebhookRow = {
  id: string;
  agentId: string;
  name: string;
  enabled: boolean;
  workflow: { id: string; name: string };
  signatureScheme: string;
  replayProtection: boolean;
  rateLimitPerSecond: number | null;
  rateLimitBurst: number | null;
  ipAllowList: string | null;
  keyCiphertext: string | null;
  keyCreatedAt: Date | null;
  previousKeyCiphertext: string | null;
  previousKeyExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function buildEndpointUrl(opts: { baseUrl: string; webhookId: string }): string {
  return `${opts.baseUrl.replace(/\/+$/, "")}/api/webhooks/${encodeURIComponent(opts.webhookId)}`;
}

export function toWebhookDto(row: WebhookRow, baseUrl: string, now = new Date()): WebhookDto {
  const previousStillValid =
    row.previousKeyCiphertext !== null && row.previousKeyExpiresAt !== null && row.previousKeyExpiresAt > now;
  return {
    id: row.id,
    agentId: row.agentId,
    name: row.name,
    enabled: row.enabled,
    workflow: row.workflow,
    endpoint: buildEndpointUrl({ baseUrl, webhookId: row.id }),
    signatureScheme: toSignatureScheme(row.signatureScheme),
    replayProtection: row.replayProtection,
    rateLimitPerSecond: row.rateLimitPerSecond,
    rateLimitBurst: row.rateLimitBurst,
    ipAllowList: row.ipAllowList ? row.ipAllowList.split(",") : null,
    hasKey: row.keyCiphertext !== null,
    keyCreatedAt: row.keyCreatedAt?.toISOString() ?? null,
    previousKeyExpiresAt: previousStillValid ? row.previousKeyExpiresAt!.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
