import { describe, expect, it } from "vitest";

import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import { createWebhookInput } from "@/lib/webhooks/webhook-input";

import { emptyWebhookFormValues, toWebhookFormValues, toWebhookInput } from "./webhook-form-values";

const webhook = {
  name: "Payments",
  workflow: { id: "wf_1", name: "Flow" },
  signatureScheme: "standard-webhooks",
  replayProtection: false,
  rateLimitPerSecond: 5,
  rateLimitBurst: null,
  ipAllowList: ["203.0.113.7", "10.0.0.0/8"],
} as WebhookDto;

describe("webhook form values", () => {
  it("shows a webhook's settings as text and sends them back in the API's shape", () => {
    const values = toWebhookFormValues(webhook);
    expect(values).toEqual({
      name: "Payments",
      workflowId: "wf_1",
      signatureScheme: "standard-webhooks",
      replayProtection: false,
      rateLimitPerSecond: "5",
      rateLimitBurst: "",
      ipAllowList: "203.0.113.7\n10.0.0.0/8",
    });
    const parsed = createWebhookInput.parse(toWebhookInput(values));
    expect(parsed).toEqual({
      name: "Payments",
      workflowId: "wf_1",
      signatureScheme: "standard-webhooks",
      replayProtection: false,
      rateLimitPerSecond: 5,
      rateLimitBurst: null,
      ipAllowList: ["203.0.113.7", "10.0.0.0/8"],
    });
  });

  it("sends empty fields as null (the defaults) and lets the schema name bad ones", () => {
    expect(
      createWebhookInput.parse(toWebhookInput({ ...emptyWebhookFormValues, name: "x", workflowId: "wf" })),
    ).toMatchObject({ rateLimitPerSecond: null, rateLimitBurst: null, ipAllowList: null });
    const bad = createWebhookInput.safeParse(
      toWebhookInput({
        ...emptyWebhookFormValues,
        name: "x",
        workflowId: "wf",
        rateLimitPerSecond: "fast",
        rateLimitBurst: "0",
        ipAllowList: "10.0.0.1, nope",
      }),
    );
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "ipAllowList",
      "rateLimitBurst",
      "rateLimitPerSecond",
    ]);
  });
});
