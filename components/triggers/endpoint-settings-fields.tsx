"use client";

import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField, TextField } from "@/components/ui/text-field";

import type { WebhookFormField, WebhookFormValues } from "./webhook-form-values";

type Props = {
  values: WebhookFormValues;
  /** The webhook already has a key, which belongs to its current scheme. */
  hasKey: boolean;
  fieldError: (field: WebhookFormField) => string | undefined;
  onChange: (field: WebhookFormField, value: string | boolean) => void;
};

/** Signature scheme, replay protection, rate limit and IP allow-list: the endpoint's settings in the webhook form. */
export function EndpointSettingsFields({ values, hasKey, fieldError, onChange }: Props) {
  return (
    <fieldset className="space-y-4 border-t border-slate-100 pt-4">
      <legend className="sr-only">Endpoint settings</legend>
      <SelectField
        label="Signature scheme"
        value={values.signatureScheme}
        error={fieldError("signatureScheme")}
        hint={
          hasKey
            ? "The key belongs to this scheme: to switch, use Rotate Key and choose the new scheme there."
            : "x-signature: a hex HMAC of the body. Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers with a whsec_ secret."
        }
        onChange={(event) => onChange("signatureScheme", event.target.value)}
      >
        <option value="x-signature">x-signature (default)</option>
        <option value="standard-webhooks">Standard Webhooks</option>
      </SelectField>
      {values.signatureScheme === "x-signature" ? (
        <CheckboxField
          label="Replay protection"
          name="replayProtection"
          hint="Answers an exact copy of a signed request (same signature, same body) within 24 hours as a duplicate. A sender that sends the same event twice on purpose needs a unique field in the body, such as an event id."
          checked={values.replayProtection}
          onChange={(event) => onChange("replayProtection", event.target.checked)}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Rate limit (requests per second)"
          name="rateLimitPerSecond"
          inputMode="numeric"
          placeholder="Instance default"
          hint="1 to 10000; empty uses the instance default."
          value={values.rateLimitPerSecond}
          error={fieldError("rateLimitPerSecond")}
          onChange={(event) => onChange("rateLimitPerSecond", event.target.value)}
        />
        <TextField
          label="Burst"
          name="rateLimitBurst"
          inputMode="numeric"
          placeholder="Instance default"
          hint="Requests accepted at once before the rate applies (1 to 100000)."
          value={values.rateLimitBurst}
          error={fieldError("rateLimitBurst")}
          onChange={(event) => onChange("rateLimitBurst", event.target.value)}
        />
      </div>
      <TextAreaField
        label="Allowed IPs"
        name="ipAllowList"
        placeholder={"203.0.113.7\n198.51.100.0/24"}
        hint="One IP address or CIDR range per line (or comma-separated), at most 50; empty accepts any sender. Needs a reverse proxy that sets X-Forwarded-For."
        value={values.ipAllowList}
        error={fieldError("ipAllowList")}
        onChange={(event) => onChange("ipAllowList", event.target.value)}
      />
    </fieldset>
  );
}
