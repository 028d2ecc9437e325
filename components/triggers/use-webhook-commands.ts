"use client";

import { useState } from "react";

import type { WebhookDto, WebhookKeyFile } from "@/lib/webhooks/webhook-dto";

import { useDownloadKeyFile, useSendTestEvent } from "./use-webhook-keys";
import { useUpdateWebhook } from "./use-webhooks";

/**
 * What the webhook card and the webhook page both offer, in one place: the key shown once after
 * it is generated or rotated, test events, key-file download and enabling. The feedback of each
 * (result, errors) is shown next to the webhook rather than inside the menu that started it.
 */
export function useWebhookCommands(agentId: string, webhook: WebhookDto) {
  const [issuedKey, setIssuedKey] = useState<WebhookKeyFile | null>(null);
  const testEvent = useSendTestEvent(agentId, webhook.id);
  const download = useDownloadKeyFile(agentId, webhook.id);
  const update = useUpdateWebhook(agentId, webhook.id);

  return {
    issuedKey,
    showIssuedKey: setIssuedKey,
    hideIssuedKey: () => setIssuedKey(null),
    testEvent,
    sendTestEvent: () => testEvent.mutate(),
    downloadKey: () => download.mutate(),
    setEnabled: (enabled: boolean) => update.mutate({ enabled }),
    error: download.error ?? update.error,
  };
}

export type WebhookCommands = ReturnType<typeof useWebhookCommands>;
