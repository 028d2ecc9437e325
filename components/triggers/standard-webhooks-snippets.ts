// Pure: the code examples for a Standard Webhooks webhook. Each reads the `whsec_` secret
// (`privateKey`) from the key file, makes a unique `webhook-id` and the current
// `webhook-timestamp`, and sends `webhook-signature: v1,<base64 HMAC-SHA256>` of
// "id.timestamp.body", keyed with the base64-decoded part of the secret.
import type { IntegrationSnippets } from "./integration-snippets";
import { literal, shellQuote, snippetBody } from "./snippet-literals";

export function getStandardWebhooksSnippets(opts: {
  endpoint: string;
  keyFileName: string;
  body?: unknown;
}): IntegrationSnippets {
  const { endpoint, keyFileName } = opts;
  const body = snippetBody(opts.body);

  const curl = `# Needs curl, openssl and jq. Save as send-webhook.sh next to ${keyFileName},
# then run: sh send-webhook.sh
SECRET=$(jq -r .privateKey ${shellQuote(keyFileName)})
BODY=${body.shell}
# A unique id per event (send the same one again when you retry it), and the time in seconds.
MSG_ID="msg_$(date +%s)_$$"
TIMESTAMP=$(date +%s)
# The HMAC key is the base64-decoded part of the whsec_ secret, given to openssl as hex.
KEY_HEX=$(printf '%s' "\${SECRET#whsec_}" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \\n')
# Sign "id.timestamp.body" with the exact body bytes that are sent.
SIGNATURE=$(printf '%s' "$MSG_ID.$TIMESTAMP.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | openssl base64 -A)
curl -sS -w '\\nHTTP %{http_code}\\n' -X POST ${shellQuote(endpoint)} \\
  -H "Content-Type: application/json" \\
  -H "webhook-id: $MSG_ID" \\
  -H "webhook-timestamp: $TIMESTAMP" \\
  -H "webhook-signature: v1,$SIGNATURE" \\
  --data-binary "$BODY"
`;

  const node = `// Node.js 18 or newer. Save as send-webhook.mjs next to ${keyFileName},
// then run: node send-webhook.mjs
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

const { privateKey } = JSON.parse(readFileSync(${literal(keyFileName)}, "utf8"));
const body = JSON.stringify(${body.json});
// A unique id per event (send the same one again when you retry it), and the time in seconds.
const id = \`msg_\${randomUUID()}\`;
const timestamp = Math.floor(Date.now() / 1000);
// The HMAC key is the base64-decoded part of the whsec_ secret.
const key = Buffer.from(privateKey.replace(/^whsec_/, ""), "base64");
const signature = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${body}\`, "utf8").digest("base64");

const response = await fetch(${literal(endpoint)}, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": \`v1,\${signature}\`,
  },
  body,
});
console.log(response.status, await response.text());
`;

  const python = `# Python 3, standard library only. Save as send_webhook.py next to ${keyFileName},
# then run: python3 send_webhook.py
import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid

with open(${literal(keyFileName)}, encoding="utf-8") as key_file:
    secret = json.load(key_file)["privateKey"]

body = ${body.python}.encode("utf-8")
# A unique id per event (send the same one again when you retry it), and the time in seconds.
msg_id = "msg_" + uuid.uuid4().hex
timestamp = str(int(time.time()))
# The HMAC key is the base64-decoded part of the whsec_ secret.
key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
signed = msg_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + body
signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")

request = urllib.request.Request(
    ${literal(endpoint)},
    data=body,
    method="POST",
    headers={
        "Content-Type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + signature,
    },
)
try:
    with urllib.request.urlopen(request) as response:
        print(response.status, response.read().decode("utf-8"))
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode("utf-8"))
`;

  return { curl, node, python };
}
