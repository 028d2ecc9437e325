import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Pure: AES-256-GCM with a random 96-bit IV. The associated data (e.g. the webhook id) is
// authenticated, so a ciphertext copied onto another row fails to decrypt instead of verifying
// requests for the wrong webhook. Format: v1.<iv>.<tag>.<ciphertext>, base64url parts.

export function encryptSecret(opts: { masterKey: Buffer; plaintext: string; associatedData: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", opts.masterKey, iv);
  cipher.setAAD(Buffer.from(opts.associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(opts.plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Throws when the master key, the associated data or the ciphertext is wrong. */
export function decryptSecret(opts: { masterKey: Buffer; sealed: string; associatedData: string }): string {
  const [version, iv, tag, ciphertext] = opts.sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined)
    throw new Error("Unrecognised encrypted secret format");
  const decipher = createDecipheriv("aes-256-gcm", opts.masterKey, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(opts.associatedData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
