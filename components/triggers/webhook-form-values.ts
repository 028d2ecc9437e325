// Pure: the Create/Edit Webhook form's text values, to and from the API's shape.
import type { SignatureScheme } from "@/lib/webhooks/signing/signature-scheme";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

export type WebhookFormValues = {
  name: string;
  workflowId: string;
  signatureScheme: SignatureScheme;
  replayProtection: boolean;
  /** Text as typed; empty means the instance default. */
  rateLimitPerSecond: string;
  rateLimitBurst: string;
  /** One address or range per line (commas work too); empty means any sender. */
  ipAllowList: string;
};

export type WebhookFormField = keyof WebhookFormValues;

export const emptyWebhookFormValues: WebhookFormValues = {
  name: "",
  workflowId: "",
  signatureScheme: "x-signature",
  replayProtection: true,
  rateLimitPerSecond: "",
  rateLimitBurst: "",
  ipAllowList: "",
};

export function toWebhookFormValues(webhook: WebhookDto): WebhookFormValues {
  return {
    name: webhook.name,
    workflowId: webhook.workflow.id,
    signatureScheme: webhook.signatureScheme,
    replayProtection: webhook.replayProtection,
    rateLimitPerSecond: webhook.rateLimitPerSecond?.toString() ?? "",
    rateLimitBurst: webhook.rateLimitBurst?.toString() ?? "",
    ipAllowList: webhook.ipAllowList?.join("\n") ?? "",
  };
}

/** Empty is null (the default); anything else a number, which the API's schema then checks (NaN included). */
const toLimit = (text: string) => (text.trim() === "" ? null : Number(text.trim()));

/** The request body for the values: checked with the API's own schema before it is sent. */
export function toWebhookInput(values: WebhookFormValues) {
  return {
    name: values.name,
    workflowId: values.workflowId,
    signatureScheme: values.signatureScheme,
    replayProtection: values.replayProtection,
    rateLimitPerSecond: toLimit(values.rateLimitPerSecond),
    rateLimitBurst: toLimit(values.rateLimitBurst),
    ipAllowList: values.ipAllowList.trim() === "" ? null : values.ipAllowList,
  };
}
