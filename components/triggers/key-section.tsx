"use client";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { formatDateTime } from "./format-date-time";
import { KeyRevealPanel } from "./key-reveal-panel";
import { useGenerateKey } from "./use-webhook-keys";
import type { WebhookCommands } from "./use-webhook-commands";

/** The webhook's private-key status: Generate Private Key while it has none, then when it was made. */
export function KeySection({ agentId, webhook, commands }: { agentId: string; webhook: WebhookDto; commands: WebhookCommands }) {
  const generate = useGenerateKey(agentId, webhook.id);

  return (
    <div className="space-y-3">
      {webhook.hasKey ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          <span>Key created {webhook.keyCreatedAt ? formatDateTime(webhook.keyCreatedAt) : "earlier"}</span>
          {webhook.previousKeyExpiresAt ? <span>Previous key valid until {formatDateTime(webhook.previousKeyExpiresAt)}</span> : null}
        </p>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-inset ring-slate-200">
          <p className="text-sm text-slate-600">No private key yet: requests to this endpoint are rejected until senders can sign them.</p>
          <Button
            disabled={generate.isPending}
            onClick={() => generate.mutate(undefined, { onSuccess: (answer) => commands.showIssuedKey(answer.keyFile) })}
          >
            {generate.isPending ? "Generating…" : "Generate Private Key"}
          </Button>
        </div>
      )}
      <ErrorNotice error={generate.error} />
      {commands.issuedKey ? <KeyRevealPanel keyFile={commands.issuedKey} onDownload={commands.downloadKey} onHide={commands.hideIssuedKey} /> : null}
    </div>
  );
}

