import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";

import { defineConfig, devices } from "@playwright/test";

import { authStatePath, testOwner } from "./e2e/test-owner";

// The e2e suite drives the production build (`npm run test:e2e` builds it first) through the
// Workbench's own server (server.mjs, as `npm start` runs it) in Debian's
// Chromium, once against SQLite and once against PostgreSQL, each on its own port, signed in as
// a test owner that the servers create at start-up. A third server, on a fresh SQLite database
// without that owner, is for the first-run setup spec.
// Values are fixed in the environment once, because workers load this file again.
process.env.E2E_RUN_ID ??= `${Date.now()}_${process.pid}`;
const runId = process.env.E2E_RUN_ID;
const sqlitePort = Number(process.env.E2E_SQLITE_PORT ?? 3100);
const postgresPort = Number(process.env.E2E_POSTGRES_PORT ?? 3101);
const setupPort = Number(process.env.E2E_SETUP_PORT ?? 3102);
const skipPostgres = process.env.E2E_SKIP_POSTGRES === "1" && process.env.CI !== "true";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Production refuses to start without a master key: each run uses a fresh one.
process.env.E2E_MASTER_KEY ??= randomBytes(32).toString("hex");
const serverEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  HOSTNAME: "127.0.0.1",
  NODE_ENV: "production",
  WORKBENCH_MASTER_KEY: process.env.E2E_MASTER_KEY,
};
const ownerEnv = {
  WORKBENCH_OWNER_EMAIL: testOwner.email,
  WORKBENCH_OWNER_PASSWORD: testOwner.password,
  WORKBENCH_OWNER_NAME: testOwner.name,
};

/** A signed-in project for one database, with the setup project that signs it in first. */
function databaseProjects(database: string, port: number) {
  const baseURL = `http://127.0.0.1:${port}`;
  return [
    { name: `${database}-sign-in`, testMatch: /auth\.setup\.ts$/, metadata: { database }, use: { baseURL } },
    {
      name: database,
      testIgnore: /first-run-setup\.spec\.ts$/,
      dependencies: [`${database}-sign-in`],
      metadata: { database },
      use: { baseURL, storageState: authStatePath(database) },
    },
  ];
}

function server(opts: { command: string; port: number; env: Record<string, string> }) {
  return {
    command: opts.command,
    url: `http://127.0.0.1:${opts.port}/api/health`,
    env: opts.env,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  };
}

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    ...databaseProjects("sqlite", sqlitePort),
    ...(skipPostgres ? [] : databaseProjects("postgresql", postgresPort)),
    { name: "first-run", testMatch: /first-run-setup\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${setupPort}` } },
  ],
  webServer: [
    server({
      command: "node server.mjs",
      port: sqlitePort,
      env: {
        ...serverEnv,
        ...ownerEnv,
        PORT: String(sqlitePort),
        WORKBENCH_DATA_DIR: path.join(tmpdir(), `aw-e2e-${runId}`),
      },
    }),
    ...(skipPostgres
      ? []
      : [
          {
            // Creates a fresh database, serves the app on it, and drops it when Playwright stops the server.
            ...server({
              command: `node e2e/serve-on-postgres.mjs ${postgresPort}`,
              port: postgresPort,
              env: { ...serverEnv, ...ownerEnv, E2E_POSTGRES_DB: `aw_e2e_${runId}` },
            }),
            gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
          },
        ]),
    // No owner: the first visitor creates one on the setup page.
    server({
      command: "node server.mjs",
      port: setupPort,
      env: {
        ...serverEnv,
        PORT: String(setupPort),
        WORKBENCH_DATA_DIR: path.join(tmpdir(), `aw-e2e-${runId}-first-run`),
      },
    }),
  ],
});
