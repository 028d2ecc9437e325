"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";

import { downloadWebhookKeyFile, generateWebhookKey, rotateWebhookKey, sendTestEvent } from "@/lib/client/api/webhooks";
import { queryKeys } from "@/lib/client/query-keys";
import type { SignatureScheme } from "@/lib/webhooks/signing/signature-scheme";

import { useStoreWebhook } from "./use-webhooks";

export function useGenerateKey(agentId: string, webhookId: string) {
  const store = useStoreWebhook(agentId);
  return useMutation({
    mutationFn: () => generateWebhookKey({ agentId, webhookId }),
    onSuccess: (answer) => store(answer.webhook),
  });
}

export function useRotateKey(agentId: string, webhookId: string) {
  const store = useStoreWebhook(agentId);
  return useMutation({
    mutationFn: (input: { graceHours: number; signatureScheme?: SignatureScheme }) =>
      rotateWebhookKey({ agentId, webhookId, input }),
    onSuccess: (answer) => store(answer.webhook),
  });
}

/** Saves the key file under the name the server gives it, via a temporary object URL. */
export function useDownloadKeyFile(agentId: string, webhookId: string) {
  return useMutation({
    mutationFn: async () => {
      const { blob, filename } = await downloadWebhookKeyFile({ agentId, webhookId });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = filename ?? "private-key.json";
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoking at once can cancel the download in some browsers; a minute is plenty.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}

// The test event lands in the delivery log, so the log is refreshed at once instead of at the next poll.
export function useSendTestEvent(agentId: string, webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendTestEvent({ agentId, webhookId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.deliveries(agentId, webhookId) }),
  });
}
