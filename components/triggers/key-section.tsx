"use client";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { formatDateTime } from "@/lib/client/format-date-time";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { KeyRevealPanel } from "./key-reveal-panel";
import type { WebhookCommands } from "./use-webhook-commands";
import { useGenerateKey } from "./use-webhook-keys";

/** The webhook's private-key status: Generate Private Key while it has none, then when it was made. Viewers see only the status. */
export function KeySection({
  agentId,
  webhook,
  commands,
}: {
  agentId: string;
  webhook: WebhookDto;
  commands: WebhookCommands;
}) {
  const generate = useGenerateKey(agentId, webhook.id);
  const canBuild = useCurrentUser().can("builder");

  return (
    <div className="space-y-3">
      {webhook.hasKey ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          <span>Key created {webhook.keyCreatedAt ? formatDateTime(webhook.keyCreatedAt) : "earlier"}</span>
          {webhook.previousKeyExpiresAt ? (
            <span>Previous key valid until {formatDateTime(webhook.previousKeyExpiresAt)}</span>
          ) : null}
        </p>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200 ring-inset">
          <p className="text-sm text-slate-600">
            No private key yet: requests to this endpoint are rejected until senders can sign them.
          </p>
          {canBuild ? (
            <Button
              disabled={generate.isPending}
              onClick={() =>
                generate.mutate(undefined, { onSuccess: (answer) => commands.showIssuedKey(answer.keyFile) })
              }
            >
              {generate.isPending ? "Generating…" : "Generate Private Key"}
            </Button>
          ) : null}
        </div>
      )}
      {canBuild ? null : <ViewerKeyNote />}
      <ErrorNotice error={generate.error} />
      {commands.issuedKey ? (
        <KeyRevealPanel
          keyFile={commands.issuedKey}
          onDownload={commands.downloadKey}
          onHide={commands.hideIssuedKey}
        />
      ) : null}
    </div>
  );
}

function ViewerKeyNote() {
  return (
    <p className="flex items-center gap-2 text-sm text-slate-500">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0 text-slate-400">
        <path d="M10 2a4 4 0 0 0-4 4v2H5a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V9a1 1 0 0 0-1-1h-1V6a4 4 0 0 0-4-4Zm2 6V6a2 2 0 1 0-4 0v2h4Z" />
      </svg>
      Viewers can&apos;t see or download private keys. A builder can share the key file with the sender.
    </p>
  );
}
