"use client";

import Link from "next/link";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { CopyField } from "@/components/ui/copy-field";
import { triggersPagePath } from "@/lib/client/page-paths";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { EnabledBadge } from "./enabled-badge";
import { KeySection } from "./key-section";
import { TestEventFeedback } from "./test-event-feedback";
import { useWebhookCommands } from "./use-webhook-commands";
import { WebhookActions } from "./webhook-actions";

export function WebhookCard({ agentId, webhook }: { agentId: string; webhook: WebhookDto }) {
  const commands = useWebhookCommands(agentId, webhook);
  const canBuild = useCurrentUser().can("builder");

  return (
    <li className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base font-semibold">
              <Link href={triggersPagePath(agentId, webhook.id)} className="text-slate-900 hover:text-indigo-600">
                {webhook.name}
              </Link>
            </h2>
            <EnabledBadge enabled={webhook.enabled} />
          </div>
          <p className="mt-0.5 text-sm text-slate-600">
            Runs workflow <span className="font-medium text-slate-800">{webhook.workflow.name}</span>
          </p>
        </div>
        {canBuild ? <WebhookActions agentId={agentId} webhook={webhook} commands={commands} /> : null}
      </div>
      <CopyField label="Webhook endpoint" value={webhook.endpoint} copyLabel="Copy endpoint" />
      <KeySection agentId={agentId} webhook={webhook} commands={commands} />
      <TestEventFeedback commands={commands} />
    </li>
  );
}
