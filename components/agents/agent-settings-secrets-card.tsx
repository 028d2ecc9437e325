"use client";

import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { TextField } from "@/components/ui/text-field";
import { ApiClientError } from "@/lib/client/api-client";
import { formatDateTime } from "@/lib/client/format-date-time";
import { secretNameSchema, secretValueSchema } from "@/lib/secrets/secret-input";

import { useAgentSecrets, useDeleteAgentSecret, usePutAgentSecret } from "./use-agent-secrets";

const code = "font-mono text-[13px]";

/**
 * The agent's secrets: names for everyone; builders add, replace and delete. Values are typed
 * once into a password field and never come back from the server.
 */
export function SecretsCard({ agentId, canBuild }: { agentId: string; canBuild: boolean }) {
  const secrets = useAgentSecrets(agentId);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useDeleteAgentSecret(agentId);
  const [name, setName] = useState("");
  const columns = canBuild ? ["Name", "Updated", "Added by", ""] : ["Name", "Updated", "Added by"];

  return (
    <section aria-labelledby="secrets-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="secrets-heading" className="text-base font-semibold text-slate-900">
        Secrets
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Tokens and passwords for steps, kept out of the workflow definition (which viewers can read). Use one in any
        step field as <code className={code}>{"{{ secrets.NAME }}"}</code>, e.g. an HTTP header{" "}
        <code className={code}>{"Authorization: Bearer {{ secrets.CRM_TOKEN }}"}</code>. Values are stored encrypted,
        never shown again, and appear as <code className={code}>[secret:NAME]</code> in run logs.
      </p>
      <div className="mt-4">
        <ErrorNotice error={secrets.error} />
        <DataTable caption="Secrets" columns={columns}>
          {secrets.data?.length === 0 ? (
            <TableMessageRow columns={columns.length}>No secrets yet.</TableMessageRow>
          ) : null}
          {secrets.data?.map((secret) => (
            <tr key={secret.name}>
              <td className="px-4 py-3">
                <code className={`${code} text-slate-900`}>{secret.name}</code>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(secret.updatedAt)}</td>
              <td className="px-4 py-3 text-slate-600">{secret.createdByEmail}</td>
              {canBuild ? (
                <td className="px-4 py-3 text-right whitespace-nowrap">
                  <Button variant="ghost" aria-label={`Replace ${secret.name}`} onClick={() => setName(secret.name)}>
                    Replace
                  </Button>
                  <Button
                    variant="ghost"
                    className="text-red-700!"
                    aria-label={`Delete ${secret.name}`}
                    onClick={() => setDeleting(secret.name)}
                  >
                    Delete
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      </div>
      {canBuild ? (
        <SecretForm agentId={agentId} name={name} onNameChange={setName} />
      ) : (
        <p className="mt-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
          Viewers see secret names only; a builder can add or change them.
        </p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the secret ${deleting ?? ""}?`}
        confirmLabel="Delete secret"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => deleting && remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
      >
        <p>Steps that use it fail from their next run on, naming the missing secret.</p>
      </ConfirmDialog>
    </section>
  );
}

function SecretForm(props: { agentId: string; name: string; onNameChange: (name: string) => void }) {
  const put = usePutAgentSecret(props.agentId);
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const serverField = put.error instanceof ApiClientError && put.error.field ? put.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const name = secretNameSchema.safeParse(props.name.trim());
    const checked = secretValueSchema.safeParse(value);
    setErrors({ name: name.error?.issues[0].message, value: checked.error?.issues[0].message });
    if (!name.success || !checked.success) return;
    put.mutate(
      { name: name.data, value: checked.data },
      {
        onSuccess: (secret) => {
          props.onNameChange("");
          setValue("");
          setSaved(`Saved ${secret.name}.`);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-4 sm:grid-cols-2">
      <TextField
        label="Name"
        placeholder="CRM_TOKEN"
        autoComplete="off"
        hint="UPPER_SNAKE_CASE. An existing name gets the new value."
        value={props.name}
        error={errors.name ?? (serverField?.field === "name" ? serverField.message : undefined)}
        onChange={(event) => props.onNameChange(event.target.value.toUpperCase())}
      />
      <TextField
        label="Value"
        type="password"
        autoComplete="new-password"
        hint="Write-only: stored encrypted, never shown again."
        value={value}
        error={errors.value ?? (serverField?.field === "value" ? serverField.message : undefined)}
        onChange={(event) => setValue(event.target.value)}
      />
      <div className="flex items-center justify-end gap-3 sm:col-span-2">
        {serverField ? null : <ErrorNotice error={put.error} />}
        {saved && !put.isPending && !put.error ? (
          <p role="status" className="text-sm text-green-700">
            {saved}
          </p>
        ) : null}
        <Button type="submit" disabled={put.isPending}>
          {put.isPending ? "Saving…" : "Save secret"}
        </Button>
      </div>
    </form>
  );
}
