"use client";
import { keyFileName } from "@/lib/webhooks/build-key-file";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";
import { CodeBlock } from "@/components/ui/code-block";
import { Tabs } from "@/components/ui/tabs";
import { getIntegrationSnippets } from "./integration-snippets";

/** Ready-to-run sender examples for this webhook: curl, Node.js and Python. */
export function IntegrationPanel({ webhook }: { webhook: WebhookDto }) {
  const fileName = keyFileName(webhook.name);
  const snippets = getIntegrationSnippets({ endpoint: webhook.endpoint, keyFileName: fileName });
  const tab = (label: string, file: string, code: string) => ({
    label,
    content: <CodeBlock code={code} title={file} copyLabel={`Copy ${label} snippet`} />,
  });

  return (
    <section aria-labelledby="integration-heading" className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div>
        <h3 id="integration-heading" className="text-base font-semibold text-slate-900">
          Send events to this webhook
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          POST JSON with <code className="font-mono text-[13px]">Content-Type: application/json</code> and an{" "}
          <code className="font-mono text-[13px]">x-signature</code> header: the lowercase hex HMAC-SHA256 of the exact body bytes, keyed
          with <code className="font-mono text-[13px]">privateKey</code> from the key file (
          <code className="font-mono text-[13px]">{fileName}</code>, from Download Private Key). A valid request is answered{" "}
          <code className="font-mono text-[13px]">202</code> at once and the workflow runs in the background.
        </p>
      </div>
      <Tabs label="Code examples" tabs={[
          tab("curl", "send-webhook.sh", snippets.curl),
          tab("Node.js", "send-webhook.mjs", snippets.node),
          tab("Python", "send_webhook.py", snippets.python),
        ]} />
    </section>
  );
}
