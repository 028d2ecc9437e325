"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { ApiClientError } from "@/lib/client/api-client";

import { useAgent } from "./use-agents";

export const agentTabs = [
  { segment: "workflows", label: "Workflows" },
  { segment: "triggers", label: "Triggers" },
  { segment: "executions", label: "Runs" },
  { segment: "data", label: "Data" },
  { segment: "settings", label: "Settings" },
] as const;

/** The agent's name and its tab bar; an unknown agent gets a clear not-found message instead of the tabs. */
export function AgentFrame({ agentId, children }: { agentId: string; children: React.ReactNode }) {
  const agent = useAgent(agentId);
  const pathname = usePathname();

  if (agent.error instanceof ApiClientError && agent.error.status === 404) {
    return (
      <EmptyState
        title="Agent not found"
        action={
          <Link className="text-sm font-medium text-indigo-600" href="/agents">
            Back to agents
          </Link>
        }
      >
        There is no agent with id {agentId}. It may have been deleted.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <Link href="/agents" className="text-sm text-slate-500 hover:text-slate-700">
          ← Agents
        </Link>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{agent.data?.name ?? "\u00a0"}</h1>
        {agent.data?.description ? <p className="text-sm text-slate-600">{agent.data.description}</p> : null}
        <ErrorNotice error={agent.error} />
      </div>
      <nav aria-label="Agent sections" className="flex gap-1 overflow-x-auto border-b border-slate-200">
        {agentTabs.map((tab) => {
          const href = `/agents/${agentId}/${tab.segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <Link
              key={tab.segment}
              href={href}
              aria-current={active ? "page" : undefined}
              className={`border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                active
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800"
              }`}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      <section>{children}</section>
    </div>
  );
}
