"use client";

import { useRouter } from "next/navigation";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { DetailPage } from "@/components/ui/detail-page";
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
  return (
    <DetailPage
      query={webhook}
      list={{ label: "Triggers", href: triggersPagePath(agentId), backLabel: "← Back to Triggers" }}
      crumb={{ label: webhook.data?.name ?? "Webhook" }}
      notFound={{
        title: "Webhook not found",
        message: `There is no webhook with id ${webhookId} on this agent. It may have been deleted.`,
      }}
    >
      {(data) => <WebhookDetails agentId={agentId} webhook={data} />}
    </DetailPage>
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
