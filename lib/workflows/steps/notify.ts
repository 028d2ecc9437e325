import { getOutboundSecret } from "@/lib/agents/get-outbound-secret";
import { postMessage } from "@/lib/conversations/post-message";
import { safeFetch } from "@/lib/outbound/safe-fetch";
import { signBody } from "@/lib/webhooks/signing/x-signature";

import { evaluateJobs } from "../expressions";
import { httpStatusError, toStepError } from "./step-errors";
import { PermanentStepError, type StepHandler } from "./step-handler";

// Notify: posts a message to the agent's conversation found by an external key (the UI shows
// it live) and, when a URL is set, POSTs it as signed JSON so another system hears of it too.
// The signature is the same scheme as incoming webhooks (hex HMAC-SHA256 of the raw body in
// x-signature), keyed with the agent's outbound secret shown in its Settings tab.

export type NotifyOutput = { conversationId: string; messageId: string; delivered?: { status: number } };

function required(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new PermanentStepError(`The ${what} rendered empty: check the fields it reads`);
  return trimmed;
}

export const notifyStep: StepHandler<"notify"> = {
  type: "notify",
  async run({ config, context, services }) {
    // Every template in one sandbox task, before anything is posted.
    const [renderedKey, renderedTitle, renderedMessage, renderedUrl] = (await evaluateJobs(
      context,
      [config.conversationKey, config.conversationTitle ?? "", config.message, config.url ?? ""].map((template) => ({
        kind: "text" as const,
        template,
      })),
    )) as string[];
    const conversationKey = required(renderedKey, "conversation key");
    if (conversationKey.length > 500)
      throw new PermanentStepError("The conversation key is longer than 500 characters");
    const title = renderedTitle.trim().slice(0, 500);
    const message = required(renderedMessage, "message");
    const agentId = context.agent.id;
    // Only a later attempt can find its own earlier post; on the first, two steps posting the same text both count.
    const reuseFromExecution = context.execution.attempt > 1;
    const posted = await postMessage({
      db: services.db,
      agentId,
      conversationKey,
      title,
      content: message,
      executionId: context.execution.id,
      reuseFromExecution,
    });
    const output: NotifyOutput = { conversationId: posted.conversationId, messageId: posted.messageId };
    const input = { conversationKey, conversationTitle: title || null, message };
    if (!config.url) return { output, input };

    const url = required(renderedUrl, "notification URL");
    const secret = await getOutboundSecret({ db: services.db, agentId });
    // messageId lets the receiver drop a notification it already has when a failed delivery is retried.
    const body = JSON.stringify({
      conversationKey,
      message,
      executionId: context.execution.id,
      agentId,
      sentAt: new Date().toISOString(),
      conversationId: posted.conversationId,
      messageId: posted.messageId,
    });
    const headers = { "content-type": "application/json", "x-signature": signBody({ privateKey: secret, body }) };
    try {
      const response = await safeFetch({ url, method: "POST", headers, body, signal: services.signal });
      if (response.status >= 400)
        throw httpStatusError({
          what: `The notification URL ${new URL(response.url).origin}`,
          status: response.status,
          body: response.body.toString("utf8"),
        });
      return { output: { ...output, delivered: { status: response.status } }, input: { ...input, url } };
    } catch (error) {
      throw toStepError(error);
    }
  },
};
