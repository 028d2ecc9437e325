"use client";

import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import type { WebhookKeyFile } from "@/lib/webhooks/webhook-dto";

/** The new private key, on screen right after Generate Private Key or Rotate Key (the key file stays downloadable). */
export function KeyRevealPanel(props: { keyFile: WebhookKeyFile; onDownload: () => void; onHide: () => void }) {
  return (
    <section aria-label="New key" className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200 ring-inset">
      <div>
        <h3 className="text-sm font-semibold text-amber-900">Your new private key</h3>
        <p className="mt-1 text-sm text-amber-900/80">
          Senders sign each request with it: copy it or download the key file now. You can download the key file again
          later from this page (More Actions → Download Private Key).
        </p>
      </div>
      <CopyField label="Private key" value={props.keyFile.privateKey} copyLabel="Copy private key" />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={props.onHide}>
          Hide key
        </Button>
        <Button onClick={props.onDownload}>Download Private Key</Button>
      </div>
    </section>
  );
}
