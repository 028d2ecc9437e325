import "server-only";

import { getMasterKey } from "@/lib/crypto/master-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

// Private keys are bound to their webhook: the id is the AES-GCM associated data.
const associatedData = (webhookId: string) => `webhook-key:${webhookId}`;

export function sealWebhookKey(webhookId: string, privateKey: string): string {
  return encryptSecret({ masterKey: getMasterKey(), plaintext: privateKey, associatedData: associatedData(webhookId) });
}

export function openWebhookKey(webhookId: string, sealed: string): string {
  return decryptSecret({ masterKey: getMasterKey(), sealed, associatedData: associatedData(webhookId) });
}
