"use client";

import { useRouter } from "next/navigation";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { DetailPage } from "@/components/ui/detail-page";
import { triggersPagePath } from "@/lib/client/page-paths";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { DeliveriesSection } from "./deliveries-section";
import { IntegrationPanel } from "./integration-panel";
import { useWebhookCommands } from "./use-webhook-commands";
import { useWebhook } from "./use-webhooks";
import { WebhookActions } from "./webhook-actions";
import { WebhookEndpointDetails, WebhookHeading } from "./webhook-parts";

/** `deliveryId` (from a run's link back to its delivery) opens that delivery in the log. */
export function WebhookPage(props: { agentId: string; webhookId: string; deliveryId?: string | null }) {
  const { agentId, webhookId } = props;
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
      {(data) => <WebhookDetails agentId={agentId} webhook={data} deliveryId={props.deliveryId ?? null} />}
    </DetailPage>
  );
}

function WebhookDetails(props: { agentId: string; webhook: WebhookDto; deliveryId: string | null }) {
  const { agentId, webhook } = props;
  const commands = useWebhookCommands(agentId, webhook);
  const router = useRouter();
  const canBuild = useCurrentUser().can("builder");

  return (
    <>
      <div className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <WebhookHeading webhook={webhook}>
            <h2 className="text-lg font-semibold text-slate-900">{webhook.name}</h2>
          </WebhookHeading>
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
        <WebhookEndpointDetails agentId={agentId} webhook={webhook} commands={commands} />
      </div>
      <IntegrationPanel webhook={webhook} />
      <DeliveriesSection agentId={agentId} webhookId={webhook.id} openDeliveryId={props.deliveryId} />
    </>
  );
}
