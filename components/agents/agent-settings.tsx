"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { NameDescriptionForm } from "@/components/ui/name-description-form";
import type { AgentDto } from "@/lib/agents/agent-dto";
import { updateAgentInput } from "@/lib/agents/agent-input";

import { LlmProviderCard, LlmProviderSummary } from "./agent-settings-llm-card";
import { SecretsCard } from "./agent-settings-secrets-card";
import { SigningSecretCard } from "./agent-settings-signing-card";
import { DeleteAgentDialog } from "./delete-agent-dialog";
import { useAgentSettings } from "./use-agent-settings";
import { useAgent, useUpdateAgent } from "./use-agents";

export function AgentSettings({ agentId }: { agentId: string }) {
  const agent = useAgent(agentId);
  const update = useUpdateAgent(agentId);
  const settings = useAgentSettings(agentId);
  const me = useCurrentUser();
  const canBuild = me.can("builder");
  const router = useRouter();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // Bumping the key remounts the form, which is how Cancel puts the saved values back.
  const [formKey, setFormKey] = useState(0);

  if (!agent.data || me.isPending) return <Loading />;
  if (!canBuild) return <ReadOnlySettings agentId={agentId} agent={agent.data} settings={settings} />;
  return (
    <div className="grid max-w-2xl gap-8">
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="mb-4 text-base font-semibold text-slate-900">General</h2>
        <NameDescriptionForm
          key={`${agent.data.updatedAt}-${formKey}`}
          initial={{ name: agent.data.name, description: agent.data.description }}
          schema={updateAgentInput}
          submitLabel="Save changes"
          pending={update.isPending}
          error={update.error}
          onSubmit={(values) => update.mutate(values, { onSuccess: () => setSavedAt(Date.now()) })}
          onCancel={() => {
            update.reset();
            setFormKey((key) => key + 1);
          }}
        />
        {savedAt ? (
          <p role="status" className="mt-2 text-sm text-green-700">
            Saved.
          </p>
        ) : null}
      </div>
      <ErrorNotice error={settings.error} />
      {settings.data ? (
        <>
          <LlmProviderCard agentId={agentId} settings={settings.data} />
          <SigningSecretCard secret={settings.data.outboundSigningSecret} />
        </>
      ) : null}
      <SecretsCard agentId={agentId} canBuild />
      <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-red-200">
        <h2 className="text-base font-semibold text-red-800">Delete this agent</h2>
        <p className="mt-1 text-sm text-slate-600">Removes the agent and all of its workflows.</p>
        <Button variant="danger" className="mt-4" onClick={() => setConfirmingDelete(true)}>
          Delete agent
        </Button>
      </div>
      {confirmingDelete ? (
        <DeleteAgentDialog
          agent={agent.data}
          onClose={() => setConfirmingDelete(false)}
          onDeleted={() => router.push("/agents")}
        />
      ) : null}
    </div>
  );
}

/** What viewers see: the same settings as text, without forms, the signing secret or Delete. */
function ReadOnlySettings({
  agentId,
  agent,
  settings,
}: {
  agentId: string;
  agent: AgentDto;
  settings: ReturnType<typeof useAgentSettings>;
}) {
  return (
    <div className="grid max-w-2xl gap-8">
      <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
        You can read these settings; a builder can change them.
      </p>
      <section aria-labelledby="general-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="general-heading" className="mb-4 text-base font-semibold text-slate-900">
          General
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Name</dt>
          <dd className="text-slate-900">{agent.name}</dd>
          <dt className="text-slate-500">Description</dt>
          <dd className="text-slate-900">{agent.description || "No description"}</dd>
        </dl>
      </section>
      <ErrorNotice error={settings.error} />
      {settings.data ? (
        <>
          <LlmProviderSummary settings={settings.data} />
          <SigningSecretCard secret={null} hidden />
        </>
      ) : null}
      <SecretsCard agentId={agentId} canBuild={false} />
    </div>
  );
}
