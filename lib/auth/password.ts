// Pure: password hashing with scrypt (node:crypto). The rules a password must meet are in password-policy.ts.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export type ScryptParams = { N: number; r: number; p: number };

/** OWASP's scrypt recommendation (N=2^16, r=8, p=1): about 64 MiB and a few hundred ms per hash on a small server. */
export const defaultScryptParams: ScryptParams = { N: 2 ** 16, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from a stored hash, so a corrupted row cannot ask for gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below what N=2^16, r=8 needs (128 * N * r = 64 MiB).
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  // NFKC: "é" typed as one code point on one system and as e + accent on another is one password.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password into a self-describing string, `scrypt$N$r$p$<salt>$<hash>` (base64), so the
 * parameters can be raised later without breaking the hashes already stored.
 */
export async function hashPassword(password: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

type ParsedHash = { params: ScryptParams; salt: Buffer; key: Buffer };

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (
    !isPowerOfTwo ||
    N > MAX_N ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > MAX_R ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > MAX_P
  )
    return null;
  const salt = Buffer.from(parts[4], "base64");
  const key = Buffer.from(parts[5], "base64");
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { params: { N, r, p }, salt, key };
}

/** Whether `password` matches `stored`; compared in constant time. An unreadable stored hash never matches. */
export async function verifyPassword(opts: { password: string; hash: string }): Promise<boolean> {
  const parsed = parseHash(opts.hash);
  if (!parsed) return false;
  const candidate = await derive(opts.password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(candidate, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown email: the
 * answer's timing must not tell which accounts exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword({ password, hash: await dummyHash });
  return false;
}

/** Whether a stored hash was made with weaker parameters than today's, so sign-in should store a new one. */
export function needsRehash(hash: string): boolean {
  const parsed = parseHash(hash);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < defaultScryptParams.N || r < defaultScryptParams.r || p < defaultScryptParams.p;
}
