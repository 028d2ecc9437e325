import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

// The e2e suite drives the production build (`npm run test:e2e` builds it first) in Debian's
// Chromium, once against SQLite and once against PostgreSQL, each on its own port.
// Values are fixed in the environment once, because workers load this file again.
process.env.E2E_RUN_ID ??= `${Date.now()}_${process.pid}`;
const runId = process.env.E2E_RUN_ID;
const sqlitePort = Number(process.env.E2E_SQLITE_PORT ?? 3100);
const postgresPort = Number(process.env.E2E_POSTGRES_PORT ?? 3101);
const skipPostgres = process.env.E2E_SKIP_POSTGRES === "1" && process.env.CI !== "true";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Production refuses to start without a master key: each run uses a fresh one.
process.env.E2E_MASTER_KEY ??= randomBytes(32).toString("hex");
const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", WORKBENCH_MASTER_KEY: process.env.E2E_MASTER_KEY };

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env.CI === "true",
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    acceptDownloads: true,
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "sqlite", use: { baseURL: `http://127.0.0.1:${sqlitePort}` } },
    ...(skipPostgres ? [] : [{ name: "postgresql", use: { baseURL: `http://127.0.0.1:${postgresPort}` } }]),
  ],
  webServer: [
    {
      command: `npx next start -H 127.0.0.1 -p ${sqlitePort}`,
      url: `http://127.0.0.1:${sqlitePort}/api/health`,
      env: { ...serverEnv, WORKBENCH_DATA_DIR: path.join(tmpdir(), `aw-e2e-${runId}`) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    ...(skipPostgres
      ? []
      : [
          {
            // Creates a fresh database, serves the app on it, and drops it when Playwright stops the server.
            command: `node e2e/serve-on-postgres.mjs ${postgresPort}`,
            url: `http://127.0.0.1:${postgresPort}/api/health`,
            env: { ...serverEnv, E2E_POSTGRES_DB: `aw_e2e_${runId}` },
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
          },
        ]),
  ],
});
