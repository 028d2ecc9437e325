"use client";

import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, TableMessageRow } from "@/components/ui/data-table";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { hasRole, roles } from "@/lib/auth/roles";
import type { ApiTokenDto } from "@/lib/tokens/api-token-dto";

import { CreateTokenDialog } from "./create-token-dialog";
import { tokenColumns, TokenRow } from "./token-row";
import { useApiTokens, useRevokeApiToken } from "./use-api-tokens";

type OpenDialog = { kind: "create" } | { kind: "revoke"; token: ApiTokenDto } | null;

/** The signed-in user's API tokens for scripts and CI: create one (shown once), see when each was last used, revoke. */
export function TokensPage() {
  const me = useCurrentUser();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  if (me.isPending) return <Loading />;
  const ownRole = me.data?.role;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">API tokens</h1>
          <p className="max-w-prose text-sm text-slate-600">
            Scripts and CI call the Workbench API with <code className="font-mono text-xs">Authorization: Bearer</code>{" "}
            and one of your tokens. A token acts as you, with its role or your current one, whichever is lower.
          </p>
        </div>
        {ownRole ? <Button onClick={() => setDialog({ kind: "create" })}>Create token</Button> : null}
      </header>

      <ErrorNotice error={tokens.error} />
      <DataTable caption="API tokens" columns={tokenColumns} className="rounded-xl shadow-sm">
        {tokens.data?.map((token) => (
          <TokenRow
            key={token.id}
            token={token}
            onRevoke={() => {
              revoke.reset();
              setDialog({ kind: "revoke", token });
            }}
          />
        ))}
        {tokens.isPending ? (
          <TableMessageRow columns={tokenColumns.length}>
            <span role="status">Loading tokens…</span>
          </TableMessageRow>
        ) : tokens.data?.length === 0 ? (
          <TableMessageRow columns={tokenColumns.length}>You have no API tokens yet.</TableMessageRow>
        ) : null}
      </DataTable>

      {dialog?.kind === "create" && ownRole ? (
        <CreateTokenDialog roles={roles.filter((role) => hasRole(ownRole, role))} onClose={close} />
      ) : null}
      {dialog?.kind === "revoke" ? (
        <ConfirmDialog
          open
          title={`Revoke ${dialog.token.name}?`}
          confirmLabel="Revoke token"
          pending={revoke.isPending}
          error={revoke.error}
          onClose={close}
          onConfirm={() => revoke.mutate(dialog.token.id, { onSuccess: close })}
        >
          <p>
            Anything still using <code className="font-mono text-xs">{dialog.token.prefix}…</code> is refused from its
            next request on. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
