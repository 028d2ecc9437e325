"use client";

import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";

import { useWebhooks } from "./use-webhooks";
import { WebhookCard } from "./webhook-card";
import { CreateWebhookDialog } from "./webhook-dialogs";

export function TriggersTab({ agentId }: { agentId: string }) {
  const webhooks = useWebhooks(agentId);
  const [creating, setCreating] = useState(false);
  const canBuild = useCurrentUser().can("builder");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <p className="max-w-2xl text-sm text-slate-600">
          A webhook gives another system a URL to start one of this agent&apos;s workflows with a signed POST request.
        </p>
        {canBuild ? <Button onClick={() => setCreating(true)}>Create Webhook</Button> : null}
      </div>
      {webhooks.isPending ? <Loading /> : null}
      <ErrorNotice error={webhooks.error} />
      {webhooks.data?.length === 0 ? (
        <EmptyState title="No webhooks yet">
          A webhook is an endpoint that an outside system — an OCR service, a CRM, a payment gateway — posts JSON events
          to. The Workbench checks each request&apos;s signature with the webhook&apos;s private key, logs it, answers
          at once and runs the workflow you choose.
          {canBuild ? " Click Create Webhook to add the first one." : " A builder of this Workbench can add one."}
        </EmptyState>
      ) : null}
      {webhooks.data && webhooks.data.length > 0 ? (
        <ul aria-label="Webhooks" className="space-y-4">
          {webhooks.data.map((webhook) => (
            <WebhookCard key={webhook.id} agentId={agentId} webhook={webhook} />
          ))}
        </ul>
      ) : null}
      {creating ? <CreateWebhookDialog agentId={agentId} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
