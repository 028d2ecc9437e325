import { CopyField } from "@/components/ui/copy-field";

/** The secret that signs Notify steps' outbound POSTs, for the receiving side to verify them. */
export function SigningSecretCard({ secret, hidden = false }: { secret: string | null; hidden?: boolean }) {
  return (
    <section aria-labelledby="signing-heading" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 id="signing-heading" className="text-base font-semibold text-slate-900">
        Outbound signing secret
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        When a Notify step also POSTs to a URL, its <code className="font-mono text-[13px]">x-signature</code> header is
        the hex HMAC-SHA256 of the JSON body keyed with this secret. Verify it on the receiving side the way the
        Workbench verifies incoming webhooks.
      </p>
      <div className="mt-4">
        {hidden ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
            Viewers can&apos;t see this secret.
          </p>
        ) : secret ? (
          <CopyField label="Signing secret" value={secret} copyLabel="Copy signing secret" />
        ) : (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
            Created on first use: it appears here once a Notify step first posts to a URL.
          </p>
        )}
      </div>
    </section>
  );
}
