import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Db } from "@/lib/db";
import { getEnv } from "@/lib/env";

import { parseMasterKey } from "./parse-master-key";
import { decryptSecret, encryptSecret } from "./secret-box";

const CHECK_SETTING = "master_key_check";
const CHECK_PLAINTEXT = "agent-workbench-master-key-check";

let cached: Buffer | undefined;

/**
 * The key that encrypts secrets at rest. Production requires WORKBENCH_MASTER_KEY; development
 * creates one once in the data folder (with a warning), so `npm run dev` needs no setup.
 */
export function getMasterKey(): Buffer {
  if (cached) return cached;
  const env = getEnv();
  if (env.WORKBENCH_MASTER_KEY) {
    cached = parseMasterKey(env.WORKBENCH_MASTER_KEY);
    return cached;
  }
  if (env.NODE_ENV === "production") {
    throw new Error(
      "WORKBENCH_MASTER_KEY is required in production: generate one with `openssl rand -hex 32` and keep it safe",
    );
  }
  const file = path.resolve(env.WORKBENCH_DATA_DIR, "master.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    console.warn(
      `[workbench] Created a development master key at ${file}. Set WORKBENCH_MASTER_KEY in production; without this key stored private keys cannot be decrypted.`,
    );
  }
  cached = parseMasterKey(readFileSync(file, "utf8"));
  return cached;
}

/**
 * Refuses to run with a master key other than the one the stored secrets were encrypted with:
 * the first start stores an encrypted check value, later starts must decrypt it.
 */
export async function assertMasterKeyMatches(opts: { db: Db }): Promise<void> {
  const masterKey = getMasterKey();
  const existing = await opts.db.systemSetting.findUnique({ where: { key: CHECK_SETTING } });
  if (!existing) {
    const value = encryptSecret({ masterKey, plaintext: CHECK_PLAINTEXT, associatedData: CHECK_SETTING });
    // Instances starting together race here; the loser's insert fails and it checks the winner's value.
    await opts.db.systemSetting.create({ data: { key: CHECK_SETTING, value } }).catch(() => undefined);
    return assertMasterKeyMatches(opts);
  }
  try {
    if (decryptSecret({ masterKey, sealed: existing.value, associatedData: CHECK_SETTING }) === CHECK_PLAINTEXT) return;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    "WORKBENCH_MASTER_KEY does not match the key this database's secrets were encrypted with; refusing to start",
  );
}
