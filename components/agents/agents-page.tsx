"use client";

import Link from "next/link";
import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { NameDescriptionForm } from "@/components/ui/name-description-form";
import type { AgentDto } from "@/lib/agents/agent-dto";
import { createAgentInput, updateAgentInput } from "@/lib/agents/agent-input";

import { DeleteAgentDialog } from "./delete-agent-dialog";
import { useAgents, useCreateAgent, useUpdateAgent } from "./use-agents";

type OpenDialog = { kind: "create" } | { kind: "rename"; agent: AgentDto } | { kind: "delete"; agent: AgentDto } | null;

export function AgentsPage() {
  const agents = useAgents();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);
  const canBuild = useCurrentUser().can("builder");
  const newAgentButton = canBuild ? <Button onClick={() => setDialog({ kind: "create" })}>New agent</Button> : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Agents</h1>
          <p className="text-sm text-slate-600">Each agent has its own workflows, webhook triggers, runs and data.</p>
        </div>
        {newAgentButton}
      </header>

      {agents.isPending ? <Loading /> : null}
      <ErrorNotice error={agents.error} />
      {agents.data?.length === 0 ? (
        <EmptyState title="No agents yet" action={newAgentButton}>
          {canBuild
            ? "Create an agent, give it workflows, and let other systems start them with signed webhooks."
            : "Agents that builders create appear here."}
        </EmptyState>
      ) : null}

      {agents.data && agents.data.length > 0 ? (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
          aria-label="Agents"
        >
          {agents.data.map((agent) => (
            <li key={agent.id} className="flex flex-wrap items-center gap-4 px-4 py-4 sm:px-6">
              <div className="min-w-0 flex-1">
                <Link
                  href={`/agents/${agent.id}/workflows`}
                  className="font-medium text-slate-900 hover:text-indigo-600"
                >
                  {agent.name}
                </Link>
                <p className="truncate text-sm text-slate-600">{agent.description || "No description"}</p>
              </div>
              <span className="text-sm text-slate-500">
                {agent.workflowCount} {agent.workflowCount === 1 ? "workflow" : "workflows"}
              </span>
              {canBuild ? (
                <div className="flex gap-1">
                  <Button
                    variant="ghost"
                    aria-label={`Rename ${agent.name}`}
                    onClick={() => setDialog({ kind: "rename", agent })}
                  >
                    Rename
                  </Button>
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    aria-label={`Delete ${agent.name}`}
                    onClick={() => setDialog({ kind: "delete", agent })}
                  >
                    Delete
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      {dialog?.kind === "create" ? <CreateAgentDialog onClose={close} /> : null}
      {dialog?.kind === "rename" ? <RenameAgentDialog agent={dialog.agent} onClose={close} /> : null}
      {dialog?.kind === "delete" ? <DeleteAgentDialog agent={dialog.agent} onClose={close} /> : null}
    </div>
  );
}

function CreateAgentDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateAgent();
  return (
    <Dialog open onClose={onClose} title="New agent">
      <NameDescriptionForm
        schema={createAgentInput}
        submitLabel="Create agent"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(values, { onSuccess: onClose })}
        onCancel={onClose}
      />
    </Dialog>
  );
}

export function RenameAgentDialog({ agent, onClose }: { agent: AgentDto; onClose: () => void }) {
  const update = useUpdateAgent(agent.id);
  return (
    <Dialog open onClose={onClose} title={`Rename ${agent.name}`}>
      <NameDescriptionForm
        initial={{ name: agent.name, description: agent.description }}
        schema={updateAgentInput}
        submitLabel="Save"
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate(values, { onSuccess: onClose })}
        onCancel={onClose}
      />
    </Dialog>
  );
}
