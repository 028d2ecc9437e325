"use client";

import { CodeBlock } from "@/components/ui/code-block";
import { Tabs } from "@/components/ui/tabs";
import { useWorkflow } from "@/components/workflows/use-workflow";
import { keyFileName } from "@/lib/webhooks/build-key-file";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import { findWorkflowTemplate } from "@/lib/workflows/templates";
import { findTriggerBodyPaths } from "@/lib/workflows/trigger-body-paths";

import { getIntegrationSnippets } from "./integration-snippets";

const code = (text: string) => <code className="font-mono text-[13px]">{text}</code>;

/**
 * Ready-to-run sender examples for this webhook, in its signature scheme: curl, Node.js and Python.
 * They send the workflow's sample body (from its template) when it has one, and the panel lists the
 * body fields the workflow's steps read, so integrators know what to send.
 */
export function IntegrationPanel({ webhook }: { webhook: WebhookDto }) {
  const workflow = useWorkflow(webhook.agentId, webhook.workflow.id).data;
  const fileName = keyFileName(webhook.name);
  const snippets = getIntegrationSnippets({
    endpoint: webhook.endpoint,
    keyFileName: fileName,
    scheme: webhook.signatureScheme,
    body: findWorkflowTemplate(workflow?.templateId)?.sampleBody,
  });
  const fields = workflow ? findTriggerBodyPaths(workflow.definition) : [];
  const tab = (label: string, file: string, snippet: string) => ({
    label,
    content: <CodeBlock code={snippet} title={file} copyLabel={`Copy ${label} snippet`} />,
  });

  return (
    <section
      aria-labelledby="integration-heading"
      className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h3 id="integration-heading" className="text-base font-semibold text-slate-900">
          Send events to this webhook
        </h3>
        {webhook.signatureScheme === "standard-webhooks" ? (
          <p className="mt-1 text-sm text-slate-600">
            POST JSON with {code("Content-Type: application/json")} and the Standard Webhooks headers:{" "}
            {code("webhook-id")} (unique per event, the same on retries), {code("webhook-timestamp")} (Unix seconds,
            within 5 minutes of our clock) and {code("webhook-signature")}: {code("v1,")} and the base64 HMAC-SHA256 of{" "}
            {code("id.timestamp.body")}, keyed with the base64-decoded part of the {code("whsec_")} secret in{" "}
            {code("privateKey")} (from {code(fileName)}, Download Private Key).
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            POST JSON with {code("Content-Type: application/json")} and an {code("x-signature")} header: the lowercase
            hex HMAC-SHA256 of the exact body bytes, keyed with {code("privateKey")} from the key file ({code(fileName)}
            , from Download Private Key).
          </p>
        )}
        <p className="mt-1 text-sm text-slate-600">
          A valid request is answered {code("202")} at once and the workflow runs in the background.
        </p>
      </div>
      {fields.length > 0 ? (
        <div>
          <h4 id="workflow-fields-heading" className="text-sm font-medium text-slate-900">
            Fields this workflow reads
          </h4>
          <ul aria-labelledby="workflow-fields-heading" className="mt-1 flex flex-wrap gap-1.5">
            {fields.map((field) => (
              <li key={field}>
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[13px] text-slate-800">{field}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Tabs
        label="Code examples"
        tabs={[
          tab("curl", "send-webhook.sh", snippets.curl),
          tab("Node.js", "send-webhook.mjs", snippets.node),
          tab("Python", "send_webhook.py", snippets.python),
        ]}
      />
    </section>
  );
}
