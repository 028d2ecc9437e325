// Where the master key comes from: WORKBENCH_MASTER_KEY, refused when missing in production, and
// in development a master.key file created once (owner-only) and reused.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setEnv, TEST_MASTER_KEY } from "@/test/webhook-app";

let dataDir = "";
let restoreEnv: () => void = () => {};

/** getEnv and getMasterKey cache what they read: every call gets fresh modules under `env`. */
async function freshGetMasterKey(env: Record<string, string | undefined>) {
  restoreEnv();
  restoreEnv = setEnv({ WORKBENCH_DATA_DIR: dataDir, ...env });
  vi.resetModules();
  return (await import("./master-key")).getMasterKey;
}

beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), "aw-master-key-")), "data", "nested");
});
afterEach(() => {
  restoreEnv();
  restoreEnv = () => {};
  vi.restoreAllMocks();
  rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
});

describe("getMasterKey", () => {
  it("uses WORKBENCH_MASTER_KEY and writes no file", async () => {
    const getMasterKey = await freshGetMasterKey({ NODE_ENV: "production", WORKBENCH_MASTER_KEY: TEST_MASTER_KEY });
    expect(getMasterKey().equals(Buffer.from(TEST_MASTER_KEY, "hex"))).toBe(true);
    expect(existsSync(path.join(dataDir, "master.key"))).toBe(false);
  });

  it("refuses to run in production without WORKBENCH_MASTER_KEY, creating nothing", async () => {
    const getMasterKey = await freshGetMasterKey({ NODE_ENV: "production", WORKBENCH_MASTER_KEY: undefined });
    expect(() => getMasterKey()).toThrow(/WORKBENCH_MASTER_KEY is required in production/);
    expect(existsSync(path.join(dataDir, "master.key"))).toBe(false);
  });

  it("refuses a malformed WORKBENCH_MASTER_KEY without echoing it", async () => {
    const getMasterKey = await freshGetMasterKey({ NODE_ENV: "production", WORKBENCH_MASTER_KEY: "secret-but-short" });
    expect(() => getMasterKey()).toThrow(/must be 32 bytes/);
    expect(() => getMasterKey()).not.toThrow(/secret-but-short/);
  });

  it("creates master.key (mode 0600) in development once, then reuses it", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const file = path.join(dataDir, "master.key");
    const first = (await freshGetMasterKey({ NODE_ENV: "development", WORKBENCH_MASTER_KEY: undefined }))();

    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, "utf8");
    expect(content).toMatch(/^[0-9a-f]{64}\n$/);
    expect(first.equals(Buffer.from(content.trim(), "hex"))).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain(file);

    // A restart (fresh modules) reads the same key and says nothing.
    const second = (await freshGetMasterKey({ NODE_ENV: "development", WORKBENCH_MASTER_KEY: undefined }))();
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(content);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("does not create a file in development when WORKBENCH_MASTER_KEY is set", async () => {
    const key = (await freshGetMasterKey({ NODE_ENV: "development", WORKBENCH_MASTER_KEY: TEST_MASTER_KEY }))();
    expect(key.toString("hex")).toBe(TEST_MASTER_KEY);
    expect(existsSync(path.join(dataDir, "master.key"))).toBe(false);
  });

  it("refuses a damaged master.key instead of replacing it", async () => {
    const getMasterKey = await freshGetMasterKey({ NODE_ENV: "development", WORKBENCH_MASTER_KEY: undefined });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "master.key"), "not a key\n");
    expect(() => getMasterKey()).toThrow(/32 bytes/);
    expect(readFileSync(path.join(dataDir, "master.key"), "utf8")).toBe("not a key\n");
  });
});
