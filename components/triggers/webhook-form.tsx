"use client";

import { useState, type FormEvent } from "react";

import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { TextField } from "@/components/ui/text-field";
import { ApiClientError } from "@/lib/client/api-client";
import { createWebhookInput, type CreateWebhookInput } from "@/lib/webhooks/webhook-input";

import { EndpointSettingsFields } from "./endpoint-settings-fields";
import {
  emptyWebhookFormValues,
  toWebhookInput,
  type WebhookFormField,
  type WebhookFormValues,
} from "./webhook-form-values";
import { WorkflowPicker } from "./workflow-picker";

/**
 * Name, workflow and endpoint settings, for Create Webhook and Edit Webhook. It checks the input
 * with the API's own schema first, and shows a server error at its field when the server names one.
 */
export function WebhookForm(props: {
  agentId: string;
  initial?: WebhookFormValues;
  hasKey?: boolean;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (input: CreateWebhookInput) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<WebhookFormValues>(props.initial ?? emptyWebhookFormValues);
  const [localErrors, setLocalErrors] = useState<Partial<Record<WebhookFormField, string>>>({});
  const serverFieldError = props.error instanceof ApiClientError && props.error.field ? props.error : null;
  const fieldError = (field: WebhookFormField) =>
    localErrors[field] ?? (serverFieldError?.field === field ? serverFieldError.message : undefined);

  // Editing a field clears its error: the message was about the old value.
  function change(field: WebhookFormField, value: string | boolean) {
    setValues({ ...values, [field]: value });
    setLocalErrors({ ...localErrors, [field]: undefined });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createWebhookInput.safeParse(toWebhookInput(values));
    if (!parsed.success) {
      setLocalErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setLocalErrors({});
    props.onSubmit(parsed.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        label="Name"
        name="name"
        autoFocus
        hint="Say who sends to it, e.g. “OCR results” or “Stripe payments”."
        value={values.name}
        error={fieldError("name")}
        onChange={(event) => change("name", event.target.value)}
      />
      <WorkflowPicker
        agentId={props.agentId}
        value={values.workflowId}
        error={fieldError("workflowId")}
        onChange={(workflowId) => change("workflowId", workflowId)}
      />
      <EndpointSettingsFields
        values={values}
        hasKey={props.hasKey ?? false}
        fieldError={fieldError}
        onChange={change}
      />
      {serverFieldError ? null : <ErrorNotice error={props.error} />}
      <FormActions submitLabel={props.submitLabel} pending={props.pending} onCancel={props.onCancel} divided />
    </form>
  );
}
