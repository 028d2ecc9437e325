"use client";

import { useState, type FormEvent, type ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { TextField } from "@/components/ui/text-field";
import type { AgentSettingsDto } from "@/lib/agents/agent-settings-dto";
import { needsCredentialAgain } from "@/lib/agents/credential-origin";
import { ApiClientError } from "@/lib/client/api-client";

import { useUpdateAgentSettings } from "./use-agent-settings";

type Field = "llmBaseUrl" | "llmModel" | "llmApiKey";

/** The OpenAI-compatible provider that LLM Prompt steps call; the API key is write-only. */
export function LlmProviderCard({ agentId, settings }: { agentId: string; settings: AgentSettingsDto }) {
  const update = useUpdateAgentSettings(agentId);
  const [baseUrl, setBaseUrl] = useState(settings.llmBaseUrl ?? "");
  const [model, setModel] = useState(settings.llmModel ?? "");
  const [apiKey, setApiKey] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const serverField = update.error instanceof ApiClientError && update.error.field ? update.error : null;
  const fieldError = (field: Field) => (serverField?.field === field ? serverField.message : undefined);
  // Said before saving: the server refuses to send the stored key to another origin.
  const keyNeededAgain =
    !apiKey &&
    needsCredentialAgain({
      previousUrl: settings.llmBaseUrl,
      nextUrl: baseUrl.trim() || null,
      credentialStored: settings.llmApiKeyConfigured,
    });

  function submit(event: FormEvent) {
    event.preventDefault();
    const url = baseUrl.trim();
    if (url && !/^https?:\/\/\S+$/i.test(url)) {
      setLocalError("Enter an http:// or https:// URL");
      return;
    }
    setLocalError(undefined);
    const patch = { llmBaseUrl: url || null, llmModel: model.trim() || null, ...(apiKey ? { llmApiKey: apiKey } : {}) };
    update.mutate(patch, {
      onSuccess: (saved) => {
        setBaseUrl(saved.llmBaseUrl ?? "");
        setModel(saved.llmModel ?? "");
        setApiKey("");
        setDone("Saved.");
      },
    });
  }

  function removeKey() {
    update.mutate({ llmApiKey: null }, { onSuccess: () => setDone("API key removed.") });
  }

  return (
    <LlmCardFrame>
      <form onSubmit={submit} noValidate className="mt-4 space-y-4">
        <TextField
          label="Base URL"
          type="url"
          placeholder="https://api.openai.com/v1"
          value={baseUrl}
          error={localError ?? fieldError("llmBaseUrl")}
          onChange={(event) => setBaseUrl(event.target.value)}
        />
        <TextField
          label="Model"
          placeholder="gpt-4o-mini"
          hint="Used by LLM Prompt steps that do not name a model."
          value={model}
          error={fieldError("llmModel")}
          onChange={(event) => setModel(event.target.value)}
        />
        <div className="space-y-1">
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            placeholder={settings.llmApiKeyConfigured ? "•••••••• (leave empty to keep the current key)" : "sk-…"}
            hint={
              keyNeededAgain
                ? "The base URL points to another server: enter the API key again (the stored key is only sent where it was entered)."
                : settings.llmApiKeyConfigured
                  ? "A key is stored, encrypted. Type a new one to replace it."
                  : "Stored encrypted; never shown again. Ollama needs none."
            }
            value={apiKey}
            error={fieldError("llmApiKey")}
            onChange={(event) => setApiKey(event.target.value)}
          />
          <div className="flex items-center gap-3">
            {settings.llmApiKeyConfigured ? <Badge tone="green">Configured</Badge> : <Badge>Not set</Badge>}
            {settings.llmApiKeyConfigured ? (
              <Button variant="ghost" className="text-red-700!" disabled={update.isPending} onClick={removeKey}>
                Remove key
              </Button>
            ) : null}
          </div>
        </div>
        {serverField ? null : <ErrorNotice error={update.error} />}
        <div className="flex items-center justify-end gap-3">
          {done && !update.isPending && !update.error ? (
            <p role="status" className="text-sm text-green-700">
              {done}
            </p>
          ) : null}
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save provider"}
          </Button>
        </div>
      </form>
    </LlmCardFrame>
  );
}

/** The provider as text, for viewers. */
export function LlmProviderSummary({ settings }: { settings: AgentSettingsDto }) {
  return (
    <LlmCardFrame>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Base URL</dt>
        <dd className="break-all">
          {settings.llmBaseUrl ? (
            <code className="font-mono text-[13px] text-slate-900">{settings.llmBaseUrl}</code>
          ) : (
            <NotSet />
          )}
        </dd>
        <dt className="text-slate-500">Model</dt>
        <dd>
          {settings.llmModel ? (
            <code className="font-mono text-[13px] text-slate-900">{settings.llmModel}</code>
          ) : (
            <NotSet />
          )}
        </dd>
        <dt className="text-slate-500">API key</dt>
        <dd>{settings.llmApiKeyConfigured ? <Badge tone="green">Configured</Badge> : <Badge>Not set</Badge>}</dd>
      </dl>
    </LlmCardFrame>
  );
}

function NotSet() {
  return <span className="text-slate-500">Not set</span>;
}

function LlmCardFrame({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="llm-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="llm-heading" className="text-base font-semibold text-slate-900">
        LLM provider
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        LLM Prompt steps call any OpenAI-compatible chat completions API: OpenAI (https://api.openai.com/v1), Azure
        OpenAI (https://&lt;resource&gt;.openai.azure.com/openai/v1), Ollama (http://localhost:11434/v1), vLLM and
        others.
      </p>
      {children}
    </section>
  );
}
