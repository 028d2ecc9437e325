import type { SignatureScheme } from "./signing/signature-scheme";
import type { WebhookKeyFile } from "./webhook-dto";

export function buildKeyFile(opts: {
  webhookId: string;
  name: string;
  endpoint: string;
  privateKey: string;
  scheme: SignatureScheme;
  createdAt: Date;
}): WebhookKeyFile {
  const standard = opts.scheme === "standard-webhooks";
  return {
    webhookId: opts.webhookId,
    name: opts.name,
    endpoint: opts.endpoint,
    privateKey: opts.privateKey,
    scheme: opts.scheme,
    algorithm: "HMAC-SHA256",
    signatureHeader: standard ? "webhook-signature" : "x-signature",
    signatureEncoding: standard ? "base64" : "hex",
    createdAt: opts.createdAt.toISOString(),
  };
}

/** A safe download name from the webhook's name, e.g. "OCR results" → "ocr-results-private-key.json". */
export function keyFileName(webhookName: string): string {
  // Trailing dashes go after the cut, which may land on one ("name--private-key.json" otherwise).
  const slug = webhookName
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "webhook"}-private-key.json`;
}
