"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { SelectField } from "@/components/ui/select-field";
import type { SignatureScheme } from "@/lib/webhooks/signing/signature-scheme";
import type { WebhookDto, WebhookKeyFile } from "@/lib/webhooks/webhook-dto";

import { useRotateKey } from "./use-webhook-keys";

const gracePeriods = [
  { hours: 0, label: "End at once" },
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "24 hours" },
  { hours: 168, label: "7 days" },
];

export function RotateKeyDialog(props: {
  agentId: string;
  webhook: WebhookDto;
  onRotated: (keyFile: WebhookKeyFile) => void;
  onClose: () => void;
}) {
  const rotate = useRotateKey(props.agentId, props.webhook.id);
  const [graceHours, setGraceHours] = useState(24);
  const [scheme, setScheme] = useState<SignatureScheme>(props.webhook.signatureScheme);
  // A key of one scheme cannot sign the other's requests: switching ends the old key at once.
  const switching = scheme !== props.webhook.signatureScheme;

  return (
    <Dialog open onClose={props.onClose} title="Rotate Key">
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          A new private key replaces the current one for{" "}
          <strong className="font-medium text-slate-900">{props.webhook.name}</strong>. During the grace period the old
          key still verifies, so senders can switch over without losing requests.
        </p>
        <SelectField
          label="Signature scheme"
          hint={
            switching
              ? "Switching the scheme ends the current key at once: senders need the new key file and the new headers."
              : "Keep the scheme, or switch it with the new key."
          }
          value={scheme}
          onChange={(event) => setScheme(event.target.value as SignatureScheme)}
        >
          <option value="x-signature">x-signature</option>
          <option value="standard-webhooks">Standard Webhooks</option>
        </SelectField>
        <SelectField
          label="Grace period"
          hint="How long the current key keeps working after the rotation."
          value={switching ? 0 : graceHours}
          disabled={switching}
          onChange={(event) => setGraceHours(Number(event.target.value))}
        >
          {gracePeriods.map((period) => (
            <option key={period.hours} value={period.hours}>
              {period.label}
            </option>
          ))}
        </SelectField>
        <ErrorNotice error={rotate.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            disabled={rotate.isPending}
            onClick={() =>
              rotate.mutate(
                { graceHours: switching ? 0 : graceHours, ...(switching ? { signatureScheme: scheme } : {}) },
                {
                  onSuccess: (answer) => {
                    props.onRotated(answer.keyFile);
                    props.onClose();
                  },
                },
              )
            }
          >
            {rotate.isPending ? "Rotating…" : "Rotate Key"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
