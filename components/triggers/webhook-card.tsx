"use client";

import Link from "next/link";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { triggersPagePath } from "@/lib/client/page-paths";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { useWebhookCommands } from "./use-webhook-commands";
import { WebhookActions } from "./webhook-actions";
import { WebhookEndpointDetails, WebhookHeading } from "./webhook-parts";

export function WebhookCard({ agentId, webhook }: { agentId: string; webhook: WebhookDto }) {
  const commands = useWebhookCommands(agentId, webhook);
  const canBuild = useCurrentUser().can("builder");

  return (
    <li className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <WebhookHeading webhook={webhook}>
          <h2 className="text-base font-semibold">
            <Link
              href={triggersPagePath(agentId, webhook.id)}
              className="text-indigo-600 underline-offset-2 hover:text-indigo-500 hover:underline"
            >
              {webhook.name}
            </Link>
          </h2>
        </WebhookHeading>
        {canBuild ? <WebhookActions agentId={agentId} webhook={webhook} commands={commands} /> : null}
      </div>
      <WebhookEndpointDetails agentId={agentId} webhook={webhook} commands={commands} />
      <Link
        href={triggersPagePath(agentId, webhook.id)}
        className="inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500 hover:underline"
      >
        Deliveries and code examples →
      </Link>
    </li>
  );
}
