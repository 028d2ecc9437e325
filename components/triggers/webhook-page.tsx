"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { ApiClientError } from "@/lib/client/api-client";
import { triggersPagePath } from "@/lib/client/page-paths";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { DeliveriesSection } from "./deliveries-section";
import { EnabledBadge } from "./enabled-badge";
import { IntegrationPanel } from "./integration-panel";
import { KeySection } from "./key-section";
import { TestEventFeedback } from "./test-event-feedback";
import { useWebhookCommands } from "./use-webhook-commands";
import { useWebhook } from "./use-webhooks";
import { WebhookActions } from "./webhook-actions";

export function WebhookPage({ agentId, webhookId }: { agentId: string; webhookId: string }) {
  const webhook = useWebhook(agentId, webhookId);
  const backLink = (
    <Link href={triggersPagePath(agentId)} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
      ← Back to Triggers
    </Link>
  );

  if (webhook.error instanceof ApiClientError && webhook.error.status === 404) {
    return (
      <EmptyState title="Webhook not found" action={backLink}>
        There is no webhook with id {webhookId} on this agent. It may have been deleted.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <ol className="flex items-center gap-2">
          <li>
            <Link href={triggersPagePath(agentId)} className="hover:text-slate-700">
              Triggers
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li aria-current="page" className="font-medium text-slate-700">
            {webhook.data?.name ?? "Webhook"}
          </li>
        </ol>
      </nav>
      <ErrorNotice error={webhook.error} />
      {webhook.isPending ? <Loading /> : null}
      {webhook.data ? <WebhookDetails agentId={agentId} webhook={webhook.data} /> : null}
    </div>
  );
}

function WebhookDetails({ agentId, webhook }: { agentId: string; webhook: WebhookDto }) {
  const commands = useWebhookCommands(agentId, webhook);
  const router = useRouter();
  const canBuild = useCurrentUser().can("builder");

  return (
    <>
      <div className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-lg font-semibold text-slate-900">{webhook.name}</h2>
              <EnabledBadge enabled={webhook.enabled} />
            </div>
            <p className="mt-0.5 text-sm text-slate-600">
              Runs workflow <span className="font-medium text-slate-800">{webhook.workflow.name}</span>
            </p>
          </div>
          {canBuild ? (
            <div className="flex gap-2">
              <Button
                variant="secondary"
                disabled={!webhook.hasKey || commands.testEvent.isPending}
                onClick={commands.sendTestEvent}
              >
                Send Test Event
              </Button>
              <WebhookActions
                agentId={agentId}
                webhook={webhook}
                commands={commands}
                onDeleted={() => router.push(triggersPagePath(agentId))}
              />
            </div>
          ) : null}
        </div>
        <CopyField label="Webhook endpoint" value={webhook.endpoint} copyLabel="Copy endpoint" />
        <KeySection agentId={agentId} webhook={webhook} commands={commands} />
        <TestEventFeedback commands={commands} />
      </div>
      <IntegrationPanel webhook={webhook} />
      <DeliveriesSection agentId={agentId} webhookId={webhook.id} />
    </>
  );
}
