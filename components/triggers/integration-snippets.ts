// Pure: the copy-and-run examples on a webhook's page. Each one reads `privateKey` from the
// downloaded key file and signs the exact body bytes it sends. x-signature: lowercase hex
// HMAC-SHA256 keyed with the key as a UTF-8 string, in `x-signature`. Standard Webhooks: see
// standard-webhooks-snippets.ts.
import type { SignatureScheme } from "@/lib/webhooks/signing/signature-scheme";

import { literal, shellQuote, snippetBody } from "./snippet-literals";
import { getStandardWebhooksSnippets } from "./standard-webhooks-snippets";

export type IntegrationSnippets = { curl: string; node: string; python: string };

export function getIntegrationSnippets(opts: {
  endpoint: string;
  keyFileName: string;
  scheme?: SignatureScheme;
  /** The workflow's sample body (from its template); a generic event when absent. */
  body?: unknown;
}): IntegrationSnippets {
  if (opts.scheme === "standard-webhooks") return getStandardWebhooksSnippets(opts);
  const { endpoint, keyFileName } = opts;
  const body = snippetBody(opts.body);

  const curl = `# Needs curl, openssl and jq. Save as send-webhook.sh next to ${keyFileName},
# then run: sh send-webhook.sh
KEY=$(jq -r .privateKey ${shellQuote(keyFileName)})
BODY=${body.shell}
# Sign the exact bytes that are sent: printf adds no trailing newline.
SIGNATURE=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$KEY" | sed 's/^.* //')
curl -sS -w '\\nHTTP %{http_code}\\n' -X POST ${shellQuote(endpoint)} \\
  -H "Content-Type: application/json" \\
  -H "x-signature: $SIGNATURE" \\
  --data-binary "$BODY"
`;

  const node = `// Node.js 18 or newer. Save as send-webhook.mjs next to ${keyFileName},
// then run: node send-webhook.mjs
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const { privateKey } = JSON.parse(readFileSync(${literal(keyFileName)}, "utf8"));
const body = JSON.stringify(${body.json});
// Sign the exact string that is sent.
const signature = createHmac("sha256", privateKey).update(body, "utf8").digest("hex");

const response = await fetch(${literal(endpoint)}, {
  method: "POST",
  headers: { "Content-Type": "application/json", "x-signature": signature },
  body,
});
console.log(response.status, await response.text());
`;

  const python = `# Python 3, standard library only. Save as send_webhook.py next to ${keyFileName},
# then run: python3 send_webhook.py
import hashlib
import hmac
import json
import urllib.error
import urllib.request

with open(${literal(keyFileName)}, encoding="utf-8") as key_file:
    private_key = json.load(key_file)["privateKey"]

body = ${body.python}.encode("utf-8")
# Sign the exact bytes that are sent.
signature = hmac.new(private_key.encode("utf-8"), body, hashlib.sha256).hexdigest()

request = urllib.request.Request(
    ${literal(endpoint)},
    data=body,
    method="POST",
    headers={"Content-Type": "application/json", "x-signature": signature},
)
try:
    with urllib.request.urlopen(request) as response:
        print(response.status, response.read().decode("utf-8"))
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode("utf-8"))
`;

  return { curl, node, python };
}
