import "server-only";

import type { Db } from "@/lib/db";
import { findWorkflowTemplate } from "@/lib/workflows/templates";

import { getWebhookKeyFile } from "./get-webhook-key-file";
import { buildSignatureHeaders } from "./signing/sign-request";

export type TestEventResult = {
  delivered: boolean;
  httpStatus: number | null;
  response: unknown;
  error: string | null;
};

/**
 * Send Test Event: signs a sample body (the workflow template's, when it came from one) with the webhook's key and POSTs it to the public endpoint,
 * exactly as an integrator would, so the builder sees the whole path (and a delivery in the log).
 */
export async function sendTestEvent(opts: {
  db: Db;
  agentId: string;
  webhookId: string;
  baseUrl: string;
}): Promise<TestEventResult> {
  const keyFile = await getWebhookKeyFile(opts);
  const webhook = await opts.db.webhook.findUniqueOrThrow({
    where: { id: keyFile.webhookId },
    select: { workflow: { select: { templateId: true } } },
  });
  // A workflow made from a template gets the body its steps read; any other a generic event.
  const sample = findWorkflowTemplate(webhook.workflow.templateId)?.sampleBody;
  const body = JSON.stringify(
    sample ?? {
      event: "workbench.test",
      webhookId: keyFile.webhookId,
      sentAt: new Date().toISOString(),
      data: { message: "Test event sent from the Triggers tab" },
    },
  );
  try {
    const response = await fetch(keyFile.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "AgentWorkbench-TestEvent/1",
        ...buildSignatureHeaders({ scheme: keyFile.scheme, privateKey: keyFile.privateKey, body }),
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
    });
    const payload = await response.json().catch(() => null);
    return {
      delivered: response.status === 202,
      httpStatus: response.status,
      response: payload,
      error: response.ok ? null : (payload?.error?.message ?? `HTTP ${response.status}`),
    };
  } catch (error) {
    return {
      delivered: false,
      httpStatus: null,
      response: null,
      error: `Could not reach ${keyFile.endpoint}: ${(error as Error).message}`,
    };
  }
}
