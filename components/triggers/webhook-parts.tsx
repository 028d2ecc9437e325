"use client";

import type { ReactNode } from "react";

import { CopyField } from "@/components/ui/copy-field";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { EnabledBadge } from "./enabled-badge";
import { KeySection } from "./key-section";
import { TestEventFeedback } from "./test-event-feedback";
import type { WebhookCommands } from "./use-webhook-commands";

// What the webhook card on the Triggers tab and the webhook's own page both show.

/** The webhook's name (a heading the caller gives), whether it is enabled, and the workflow it runs. */
export function WebhookHeading({ webhook, children }: { webhook: WebhookDto; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        {children}
        <EnabledBadge enabled={webhook.enabled} />
      </div>
      <p className="mt-0.5 text-sm text-slate-600">
        Runs workflow <span className="font-medium text-slate-800">{webhook.workflow.name}</span>
      </p>
    </div>
  );
}

/** The endpoint to copy, the signing key and the feedback of the last test event. */
export function WebhookEndpointDetails(props: { agentId: string; webhook: WebhookDto; commands: WebhookCommands }) {
  return (
    <>
      <CopyField label="Webhook endpoint" value={props.webhook.endpoint} copyLabel="Copy endpoint" />
      <KeySection agentId={props.agentId} webhook={props.webhook} commands={props.commands} />
      <TestEventFeedback commands={props.commands} />
    </>
  );
}
