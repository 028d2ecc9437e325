/** Pure: 32 bytes from 64 hex characters or base64/base64url; anything else is refused with a reason. */
export function parseMasterKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text, "base64url");
    if (bytes.length === 32) return bytes;
  }
  throw new Error(
    "WORKBENCH_MASTER_KEY must be 32 bytes: 64 hex characters or 44 base64 characters (e.g. `openssl rand -hex 32`)",
  );
}
